import { elapsedShareOfDay } from '../../nodes/shared/health/series';
import { initialMemory, missing, observe, type Timing } from '../../nodes/shared/health/seriesState';
import { severityOf, validateThresholds, type Thresholds } from '../../nodes/shared/health/thresholds';
import { redactUrl } from '../../nodes/shared/values/redact';

const above: Thresholds = { condition: 'above', warning: 100, critical: 500, recovery: 80 };

describe('severityOf', () => {
	it('grades against warning and critical levels in both directions', () => {
		expect([50, 100, 499, 500].map((value) => severityOf(value, above, 'ok'))).toEqual(['ok', 'warning', 'warning', 'critical']);
		const below: Thresholds = { condition: 'below', warning: 10, critical: 5 };
		expect([11, 10, 6, 5].map((value) => severityOf(value, below, 'ok'))).toEqual(['ok', 'warning', 'warning', 'critical']);
	});

	it('keeps a failing series failing until the value passes the recovery line', () => {
		expect(severityOf(90, above, 'warning')).toBe('warning');
		expect(severityOf(90, above, 'critical')).toBe('warning');
		expect(severityOf(79, above, 'warning')).toBe('ok');
		expect(severityOf(90, above, 'ok')).toBe('ok');
	});

	it('judges ranges and changes in either direction', () => {
		const range: Thresholds = { condition: 'outsideRange', low: 10, high: 20, rangeSeverity: 'warning' };
		expect([9, 15, 21].map((value) => severityOf(value, range, 'ok'))).toEqual(['warning', 'ok', 'warning']);
		const change: Thresholds = { condition: 'changeAbove', warning: 25, critical: 50 };
		expect([-60, -30, 10, 30].map((value) => severityOf(value, change, 'ok'))).toEqual(['critical', 'warning', 'ok', 'warning']);
	});
});

describe('validateThresholds', () => {
	it.each<[Thresholds, string]>([
		[{ condition: 'above', warning: 600, critical: 500 }, 'the Warning threshold (600) is above the Critical one (500); warning must come first'],
		[{ condition: 'below', warning: 3, critical: 5 }, 'the Warning threshold (3) is below the Critical one (5); warning must come first'],
		[{ condition: 'above', warning: 100, recovery: 120 }, 'the Recovery threshold (120) is past the alert threshold (100); it must be on the healthy side'],
		[{ condition: 'outsideRange', low: 20, high: 10 }, 'Low (20) is above High (10)'],
		[{ condition: 'above' }, 'set a Warning or a Critical threshold'],
	])('rejects %j', (thresholds, problem) => {
		expect(validateThresholds(thresholds)).toEqual({ ok: false, problem });
	});
});

describe('series state', () => {
	const timing: Timing = { pendingMs: 5 * 60_000, pendingEvaluations: 1, renotifyMs: 0, noDataMs: 10 * 60_000 };
	const minute = 60_000;

	it('stays pending until the condition has held for the pending duration', () => {
		const first = observe(initialMemory(0), 'warning', 150, 0, timing);
		expect([first.memory.state, first.notice]).toEqual(['pending', null]);
		const still = observe(first.memory, 'warning', 150, 4 * minute, timing);
		expect([still.memory.state, still.notice]).toEqual(['pending', null]);
		const fires = observe(still.memory, 'warning', 150, 5 * minute, timing);
		expect([fires.memory.state, fires.notice, fires.previousState]).toEqual(['firing', 'firing', 'pending']);
	});

	it('drops a pending series that recovers without a notice', () => {
		const pending = observe(initialMemory(0), 'critical', 900, 0, timing);
		const recovered = observe(pending.memory, 'ok', 10, minute, timing);
		expect([recovered.memory.state, recovered.notice]).toEqual(['normal', null]);
	});

	it('marks a known series as no data once, after the no-data time', () => {
		const seen = observe(initialMemory(0), 'ok', 1, 0, timing).memory;
		expect(missing(seen, 9 * minute, timing)).toBeUndefined();
		const silent = missing(seen, 10 * minute, timing);
		expect([silent?.memory.state, silent?.notice]).toEqual(['nodata', 'nodata']);
		expect(missing(silent!.memory, 20 * minute, timing)).toBeUndefined();
	});
});

describe('elapsedShareOfDay', () => {
	it('is the share of the local day gone by', () => {
		expect(elapsedShareOfDay(Date.parse('2026-11-27T12:00:00Z'), 'UTC')).toBe(0.5);
		expect(elapsedShareOfDay(Date.parse('2026-11-27T12:00:00Z'), 'America/New_York')).toBeCloseTo(7 / 24, 10);
		// a 23-hour day: clocks go forward in New York on 8 March 2026
		expect(elapsedShareOfDay(Date.parse('2026-03-08T16:00:00Z'), 'America/New_York')).toBeCloseTo(11 / 23, 10);
	});
});

describe('redactUrl', () => {
	it('removes credentials and secret-looking query values', () => {
		expect(redactUrl('https://user:pass@api.example.com/health?token=abc&region=eu&api_key=k')).toBe(
			'https://***@api.example.com/health?token=***&region=eu&api_key=***',
		);
		expect(redactUrl('https://api.example.com/health')).toBe('https://api.example.com/health');
	});
});
