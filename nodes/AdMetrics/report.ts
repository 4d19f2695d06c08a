import type { CustomRange, PeriodPreset } from '../shared/adPlatforms/period';
import type { Level } from '../shared/adPlatforms/meta';

export interface ReportRequest {
	platform: 'meta' | 'googleAds';
	accountId: string;
	level: Level;
	preset: PeriodPreset;
	range?: CustomRange;
	daily: boolean;
	actionType: string;
}

/** Follows pages until the platform says there are no more; a bound guards against a loop. */
export const MAX_PAGES = 1000;
