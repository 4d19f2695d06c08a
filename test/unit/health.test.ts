import { elapsedShareOfDay } from '../../nodes/shared/health/series';
import { severityOf, validateThresholds, type Thresholds } from '../../nodes/shared/health/thresholds';
import { redactUrl } from '../../nodes/shared/values/redact';

const above: Thresholds = { condition: 'above', warning: 100, critical: 500, margin: 0.2 };

describe('severityOf', () => {
	it('grades against warning and critical levels in both directions', () => {
		expect([50, 100, 499, 500].map((value) => severityOf(value, above, 'ok'))).toEqual(['ok', 'warning', 'warning', 'critical']);
		const below: Thresholds = { condition: 'below', warning: 10, critical: 5, margin: 0 };
		expect([11, 10, 6, 5].map((value) => severityOf(value, below, 'ok'))).toEqual(['ok', 'warning', 'warning', 'critical']);
	});

	it('keeps a failing series failing until the value passes the recovery line (warning 100, margin 20%: 80)', () => {
		expect(severityOf(90, above, 'warning')).toBe('warning');
		expect(severityOf(80, above, 'warning')).toBe('warning');
		expect(severityOf(79.99, above, 'warning')).toBe('ok');
		expect(severityOf(90, above, 'ok')).toBe('ok');
	});

	it('holds critical until the critical line is passed by its margin (critical 500, 20%: 400)', () => {
		expect(severityOf(450, above, 'critical')).toBe('critical');
		expect(severityOf(400, above, 'critical')).toBe('critical');
		expect(severityOf(399, above, 'critical')).toBe('warning');
		expect(severityOf(79, above, 'critical')).toBe('ok');
		expect(severityOf(90, above, 'critical')).toBe('warning');
	});

	it('below: recovers above the line plus its margin; margin 0 recovers just past the line', () => {
		const low: Thresholds = { condition: 'below', warning: 10, critical: 5, margin: 0.1 };
		expect([11, 11.01].map((value) => severityOf(value, low, 'warning'))).toEqual(['warning', 'ok']);
		expect([5.5, 5.51].map((value) => severityOf(value, low, 'critical'))).toEqual(['critical', 'warning']);
		const exact: Thresholds = { ...low, margin: 0 };
		expect([10, 10.01].map((value) => severityOf(value, exact, 'warning'))).toEqual(['warning', 'ok']);
	});

	it('ranges come back inside by the margin of their width, or of their one bound', () => {
		const range: Thresholds = { condition: 'outsideRange', low: 100, high: 200, rangeSeverity: 'critical', margin: 0.1 };
		expect([109, 110, 190, 191].map((value) => severityOf(value, range, 'critical'))).toEqual(['critical', 'ok', 'ok', 'critical']);
		expect([109, 191].map((value) => severityOf(value, range, 'ok'))).toEqual(['ok', 'ok']);
		const floor: Thresholds = { condition: 'outsideRange', low: 50, margin: 0.1 };
		expect([54, 55].map((value) => severityOf(value, floor, 'critical'))).toEqual(['critical', 'ok']);
	});

	it('judges ranges and changes in either direction', () => {
		const range: Thresholds = { condition: 'outsideRange', low: 10, high: 20, rangeSeverity: 'warning', margin: 0 };
		expect([9, 15, 21].map((value) => severityOf(value, range, 'ok'))).toEqual(['warning', 'ok', 'warning']);
		const change: Thresholds = { condition: 'changeAbove', warning: 25, critical: 50, margin: 0 };
		expect([-60, -30, 10, 30].map((value) => severityOf(value, change, 'ok'))).toEqual(['critical', 'warning', 'ok', 'warning']);
	});
});

describe('validateThresholds', () => {
	it.each<[Thresholds, string]>([
		[{ condition: 'above', warning: 600, critical: 500, margin: 0 }, 'the Warning threshold (600) is above the Critical one (500); warning must come first'],
		[{ condition: 'below', warning: 3, critical: 5, margin: 0 }, 'the Warning threshold (3) is below the Critical one (5); warning must come first'],
		[{ condition: 'above', warning: 100, margin: 1 }, 'the Recovery Margin (100%) must be at least 0% and below 100%'],
		[{ condition: 'above', warning: 100, margin: -0.01 }, 'the Recovery Margin (-1%) must be at least 0% and below 100%'],
		[{ condition: 'outsideRange', low: 20, high: 10, margin: 0 }, 'Low (20) is above High (10)'],
		[{ condition: 'above', margin: 0 }, 'set a Warning or a Critical threshold'],
	])('rejects %j', (thresholds, problem) => {
		expect(validateThresholds(thresholds)).toEqual({ ok: false, problem });
	});

	it('accepts the edges: a margin of 0 and of 99%, warning equal to critical, Low equal to High', () => {
		for (const thresholds of [
			{ condition: 'above', warning: 100, margin: 0 },
			{ condition: 'above', warning: 100, margin: 0.99 },
			{ condition: 'below', warning: 5, critical: 5, margin: 0.1 },
			{ condition: 'outsideRange', low: 10, high: 10, margin: 0.1 },
		] as Thresholds[]) {
			expect(validateThresholds(thresholds)).toEqual({ ok: true, value: thresholds });
		}
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
