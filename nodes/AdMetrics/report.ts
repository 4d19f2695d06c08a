import type { MetaQuery } from '../shared/adPlatforms/meta';

/** What one item asks for: the query both platforms answer (Meta's names), and which platform. */
export interface ReportRequest extends MetaQuery {
	platform: 'meta' | 'googleAds';
}

/** Follows pages until the platform says there are no more; a bound guards against a loop. */
export const MAX_PAGES = 1000;
