import { DateTime } from 'luxon';

/**
 * The reporting periods an operator picks, as each platform names them. Both platforms read dates
 * in the ad account's own timezone; "last N days" ends yesterday, as in their own interfaces.
 */
export type PeriodPreset = 'today' | 'yesterday' | 'last3Days' | 'last7Days' | 'last14Days' | 'last30Days' | 'thisMonth' | 'custom';

export interface CustomRange {
	since: string;
	until: string;
}

const META_PRESETS: Record<Exclude<PeriodPreset, 'custom'>, string> = {
	today: 'today',
	yesterday: 'yesterday',
	last3Days: 'last_3d',
	last7Days: 'last_7d',
	last14Days: 'last_14d',
	last30Days: 'last_30d',
	thisMonth: 'this_month',
};

/** Query parameters for the Meta insights endpoint. */
export function metaPeriod(preset: PeriodPreset, range?: CustomRange): Record<string, string> {
	if (preset === 'custom' && range) return { time_range: JSON.stringify({ since: range.since, until: range.until }) };
	return { date_preset: META_PRESETS[preset as Exclude<PeriodPreset, 'custom'>] };
}

/**
 * The days of a period in a timezone (Google Ads is asked with explicit days, so each row can say
 * which period it covers): "last 7 days" is the 7 days before today.
 */
export function periodDays(preset: PeriodPreset, range: CustomRange | undefined, now: number, zone: string): { from: string; to: string } {
	if (preset === 'custom' && range) return { from: range.since, to: range.until };
	const today = DateTime.fromMillis(now, { zone }).startOf('day');
	const day = (value: DateTime) => value.toISODate() ?? '';
	const lastDays = (count: number) => ({ from: day(today.minus({ days: count })), to: day(today.minus({ days: 1 })) });
	switch (preset) {
		case 'today':
			return { from: day(today), to: day(today) };
		case 'yesterday':
			return lastDays(1);
		case 'last3Days':
			return lastDays(3);
		case 'last14Days':
			return lastDays(14);
		case 'last30Days':
			return lastDays(30);
		case 'thisMonth':
			return { from: day(today.startOf('month')), to: day(today) };
		default:
			return lastDays(7);
	}
}

/** Checks a custom range: two days, YYYY-MM-DD, in order. */
export function rangeProblem(range: CustomRange): string | undefined {
	const day = /^\d{4}-\d{2}-\d{2}$/;
	if (!day.test(range.since) || !DateTime.fromISO(range.since).isValid) return `"${range.since}" is not a day; write it as YYYY-MM-DD`;
	if (!day.test(range.until) || !DateTime.fromISO(range.until).isValid) return `"${range.until}" is not a day; write it as YYYY-MM-DD`;
	if (range.until < range.since) return `the range ends (${range.until}) before it starts (${range.since})`;
	return undefined;
}
