import type { MetaQuery } from '../shared/adPlatforms/meta';

/** What one item asks for: the query both platforms answer (Meta's names), and which platform. */
export interface ReportRequest extends MetaQuery {
	platform: 'meta' | 'googleAds';
	/** The longest wait the platform may ask for on a rate limit before the request is tried again. */
	rateLimitWaitMs: number;
}

/** Options > Wait Out Rate Limits Up To (Seconds), by default. */
export const DEFAULT_RATE_LIMIT_WAIT_SECONDS = 60;

/** Follows pages until the platform says there are no more; a bound guards against a loop. */
export const MAX_PAGES = 1000;
