import { round } from '../values/number';

/**
 * One row of ad performance in the shape the ROAS Calculator and the CPA Tracker read with their
 * default field mapping: no mapping needed between Ad Metrics and them.
 */
export interface NormalizedAdRow {
	platform: 'meta' | 'googleAds';
	accountId: string;
	campaignId: string;
	campaignName: string;
	/** The day (one row per day) or the first day of the period. */
	date: string;
	period: { from: string; to: string };
	spend: number;
	conversions: number;
	conversionValue: number;
	currency: string;
}

/** Money as the platforms report it: to the cent. */
export const round2 = (value: number): number => round(value, 2);
