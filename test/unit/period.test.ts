/**
 * Reporting periods as each platform is asked for them (adPlatforms/period.ts), in the account's
 * timezone, at the edges of days and months; custom ranges checked; and network failures in words.
 */
import { metaPeriod, periodDays, rangeProblem, type PeriodPreset } from '../../nodes/shared/adPlatforms/period';
import { describeNetworkFailure } from '../../nodes/shared/values/networkFailure';

const NOON = Date.parse('2026-12-02T12:00:00Z');

describe('metaPeriod', () => {
	it.each<[PeriodPreset, string]>([
		['today', 'today'],
		['yesterday', 'yesterday'],
		['last3Days', 'last_3d'],
		['last7Days', 'last_7d'],
		['last14Days', 'last_14d'],
		['last30Days', 'last_30d'],
		['thisMonth', 'this_month'],
	])('%s is date_preset=%s', (preset, name) => {
		expect(metaPeriod(preset)).toEqual({ date_preset: name });
	});

	it('a custom range is a time_range, as JSON', () => {
		expect(metaPeriod('custom', { since: '2026-11-01', until: '2026-11-15' })).toEqual({ time_range: '{"since":"2026-11-01","until":"2026-11-15"}' });
	});
});

describe('periodDays', () => {
	it.each<[PeriodPreset, string, string]>([
		['today', '2026-12-02', '2026-12-02'],
		['yesterday', '2026-12-01', '2026-12-01'],
		['last3Days', '2026-11-29', '2026-12-01'],
		['last7Days', '2026-11-25', '2026-12-01'],
		['last14Days', '2026-11-18', '2026-12-01'],
		['last30Days', '2026-11-02', '2026-12-01'],
		['thisMonth', '2026-12-01', '2026-12-02'],
	])('%s at noon UTC on 2 December: %s to %s', (preset, from, to) => {
		expect(periodDays(preset, undefined, NOON, 'UTC')).toEqual({ from, to });
	});

	it("days are the account's days: 02:00 UTC is still 1 December in Los Angeles and already 2 December in Tokyo", () => {
		const early = Date.parse('2026-12-02T02:00:00Z');
		expect(periodDays('today', undefined, early, 'America/Los_Angeles')).toEqual({ from: '2026-12-01', to: '2026-12-01' });
		expect(periodDays('today', undefined, early, 'Asia/Tokyo')).toEqual({ from: '2026-12-02', to: '2026-12-02' });
		expect(periodDays('yesterday', undefined, early, 'America/Los_Angeles')).toEqual({ from: '2026-11-30', to: '2026-11-30' });
	});

	it('this month on the first of the month is that one day; yesterday then is in the month before', () => {
		const first = Date.parse('2026-12-01T08:00:00Z');
		expect(periodDays('thisMonth', undefined, first, 'UTC')).toEqual({ from: '2026-12-01', to: '2026-12-01' });
		expect(periodDays('yesterday', undefined, first, 'UTC')).toEqual({ from: '2026-11-30', to: '2026-11-30' });
	});

	it('a custom range is taken as it is; custom without a range falls back to the last 7 days', () => {
		expect(periodDays('custom', { since: '2026-10-01', until: '2026-10-31' }, NOON, 'UTC')).toEqual({ from: '2026-10-01', to: '2026-10-31' });
		expect(periodDays('custom', undefined, NOON, 'UTC')).toEqual({ from: '2026-11-25', to: '2026-12-01' });
	});
});

describe('rangeProblem', () => {
	it('accepts two days in order, and the same day twice', () => {
		expect(rangeProblem({ since: '2026-11-01', until: '2026-11-15' })).toBeUndefined();
		expect(rangeProblem({ since: '2026-11-01', until: '2026-11-01' })).toBeUndefined();
	});

	it.each([
		[{ since: '2026-11-1', until: '2026-11-15' }, '"2026-11-1" is not a day; write it as YYYY-MM-DD'],
		[{ since: '2026-02-30', until: '2026-03-01' }, '"2026-02-30" is not a day; write it as YYYY-MM-DD'],
		[{ since: 'x2026-11-01', until: '2026-11-15' }, '"x2026-11-01" is not a day; write it as YYYY-MM-DD'],
		[{ since: '2026-11-01', until: '2026-11-15T00:00' }, '"2026-11-15T00:00" is not a day; write it as YYYY-MM-DD'],
		[{ since: '2026-11-01', until: '2026-13-01' }, '"2026-13-01" is not a day; write it as YYYY-MM-DD'],
		[{ since: '2026-11-15', until: '2026-11-14' }, 'the range ends (2026-11-14) before it starts (2026-11-15)'],
	])('%j: %s', (range, problem) => {
		expect(rangeProblem(range)).toBe(problem);
	});
});

describe('describeNetworkFailure', () => {
	it.each([
		[{ code: 'ECONNABORTED' }, 'timed out after 10 s'],
		[{ code: 'ETIMEDOUT' }, 'timed out after 10 s'],
		[{ code: 'ECONNREFUSED' }, 'connection refused'],
		[{ code: 'ENOTFOUND' }, 'host not found'],
		[{ code: 'EAI_AGAIN' }, 'host not found'],
		[{ code: 'ECONNRESET' }, 'connection reset'],
		[{ code: 'EPIPE' }, 'request failed (EPIPE)'],
		[{ cause: { code: 'ECONNREFUSED' } }, 'connection refused'],
		[{ message: 'https://x.example/?token=secret' }, 'request failed'],
	])('%j is "%s", never the URL', (error, words) => {
		expect(describeNetworkFailure(error, 'timed out after 10 s')).toBe(words);
	});

	it("the error's own code wins over its cause's", () => {
		expect(describeNetworkFailure({ code: 'ECONNRESET', cause: { code: 'ECONNREFUSED' } }, 't')).toBe('connection reset');
	});
});
