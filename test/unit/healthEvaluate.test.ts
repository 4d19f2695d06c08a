/**
 * The Health Monitor's judgement over runs (health/evaluate.ts), engine-free: metric checks per
 * series, endpoints up and down, too few payments, a bad item in a series, a series that goes
 * silent, a check removed from the node, change and range conditions, hysteresis, the messages.
 */
import type { AlertTiming } from '../../nodes/shared/alerting/alertMachine';
import { evaluateChecks, HEALTH_PLACEHOLDERS, ruleOf, type CheckSpec, type EndpointObservation, type HealthMemory } from '../../nodes/shared/health/evaluate';
import type { SeriesSource } from '../../nodes/shared/health/series';
import type { Thresholds } from '../../nodes/shared/health/thresholds';
import { settingFieldReader } from '../../nodes/shared/values/fieldPath';
import { settingTemplate } from '../../nodes/shared/values/template';

const MINUTE = 60_000;
const T0 = Date.parse('2026-12-01T09:00:00Z');
const at = (minutes: number) => T0 + minutes * MINUTE;
const read = (path: string) => settingFieldReader(path, 'Field');
const timing = (overrides: Partial<AlertTiming> = {}): AlertTiming => ({
	pendingMs: 0,
	pendingEvaluations: 1,
	renotifyMs: 60 * MINUTE,
	minIntervalMs: 0,
	missingMs: 30 * MINUTE,
	noData: false,
	forgetMs: 24 * 60 * MINUTE,
	...overrides,
});
const messages = {
	alert: settingTemplate('{severity} {check} [{series}] {value} vs {threshold} ({state}, since {since}): {reason}', HEALTH_PLACEHOLDERS, 'Alert Message'),
	resolved: settingTemplate('RESOLVED {check} [{series}]: {reason}', HEALTH_PLACEHOLDERS, 'Resolved Message'),
};

function check(overrides: Omit<Partial<CheckSpec>, 'thresholds'> & { thresholds?: Partial<Thresholds> } = {}): CheckSpec {
	const source: SeriesSource = { kind: 'metric', read: read('errors'), field: 'errors', aggregation: 'sum' };
	const name = overrides.name ?? 'Errors';
	return {
		name,
		label: 'Error count',
		unit: '',
		source,
		// As the node reads it: the series field per item, or the check's own name.
		seriesOf: overrides.bySeries ? (json) => String((json as { service?: string }).service ?? '') : () => name,
		bySeries: false,
		timing: timing(),
		...overrides,
		thresholds: { condition: 'above', warning: 10, critical: 20, margin: 0.1, ...overrides.thresholds },
	};
}
const noEndpoints = new Map<string, EndpointObservation>();
const run = (checks: CheckSpec[], items: unknown[], memory: HealthMemory, now: number, includeOk = false, endpoints = noEndpoints) =>
	evaluateChecks(checks, items, endpoints, memory, now, messages, includeOk);
const summary = (results: ReturnType<typeof run>['results']) => results.map((result) => `${result.output}: ${result.json.message}`);

describe('a metric check', () => {
	it('below, at and above the warning and critical lines', () => {
		const severityAt = (errors: number) => run([check()], [{ errors }], {}, T0, true).results[0].json.severity;
		expect([severityAt(9), severityAt(10), severityAt(19), severityAt(20), severityAt(21)]).toEqual(['ok', 'warning', 'warning', 'critical', 'critical']);
	});

	it('alerts once with every placeholder filled, then stays quiet, reminds after the interval, resolves once', () => {
		const first = run([check()], [{ errors: 12 }, { errors: 13 }], {}, T0);
		expect(summary(first.results)).toEqual([
			'alert: CRITICAL Errors [Errors] 25 vs 20 (firing, since 2026-12-01T09:00:00.000Z): Error count is 25, at or above the critical threshold 20.',
		]);
		expect(first.results[0]).toMatchObject({
			items: [0, 1],
			json: {
				check: 'Errors',
				series: 'Errors',
				state: 'firing',
				previousState: 'normal',
				severity: 'critical',
				value: 25,
				threshold: 20,
				condition: 'above',
				notice: 'firing',
				items: 2,
			},
		});
		const quiet = run([check()], [{ errors: 25 }], first.memory, at(59));
		expect(quiet.results).toEqual([]);
		expect(summary(run([check()], [{ errors: 25 }], first.memory, at(60)).results)).toEqual([
			expect.stringMatching(/^alert: CRITICAL Errors \[Errors\] 25 vs 20 \(firing/),
		]);
		const back = run([check()], [{ errors: 2 }], first.memory, at(5));
		expect(summary(back.results)).toEqual(['resolved: RESOLVED Errors [Errors]: Error count is 2, back to normal.']);
		// The threshold of a resolved series is the line it is back under: the warning line.
		expect(back.results[0].json).toMatchObject({ state: 'normal', previousState: 'firing', severity: 'ok', notice: 'resolved', threshold: 10 });
		expect(back.memory.Errors.series).toEqual({});
	});

	it('with Include OK, healthy series are described on OK; without, nothing is output', () => {
		expect(run([check()], [{ errors: 1 }], {}, T0).results).toEqual([]);
		expect(summary(run([check()], [{ errors: 1 }], {}, T0, true).results)).toEqual(['ok: Error count is 1.']);
	});

	it('pending: the condition must hold for two runs; the first is described as pending', () => {
		const pendingCheck = check({ timing: timing({ pendingEvaluations: 2 }) });
		const first = run([pendingCheck], [{ errors: 25 }], {}, T0, true);
		expect(summary(first.results)).toEqual(['ok: Error count is 25, at or above the critical threshold 20 (pending: not alerted yet).']);
		expect(first.results[0].json.state).toBe('pending');
		expect(run([pendingCheck], [{ errors: 25 }], first.memory, at(1)).results.map((result) => result.output)).toEqual(['alert']);
	});

	it('hysteresis: a critical series at 19 or 18 (below 20, not past the recovery line 18) says it has not recovered', () => {
		const firing = run([check()], [{ errors: 25 }], {}, T0).memory;
		const held = run([check()], [{ errors: 19 }], firing, at(1), true);
		expect(held.results[0].json).toMatchObject({ severity: 'critical', reason: 'Error count is 19, not yet recovered from the critical threshold 20.' });
		// A line reached is bad (at or above), so recovering means strictly past the recovery line.
		expect(run([check()], [{ errors: 18 }], firing, at(1), true).results[0].json).toMatchObject({ severity: 'critical', notice: null });
		expect(run([check()], [{ errors: 17.99 }], firing, at(1)).results[0].json).toMatchObject({ severity: 'warning', notice: 'deescalated' });
		// A rule edit drops the hysteresis.
		const edited = check({ thresholds: { warning: 11 } });
		expect(ruleOf(edited)).not.toBe(ruleOf(check()));
		expect(run([edited], [{ errors: 19 }], firing, at(1), true).results[0].json.severity).toBe('warning');
	});

	it('one value per series, each judged on its own', () => {
		const perService = check({ bySeries: true });
		const result = run(
			[perService],
			[
				{ service: 'api', errors: 30 },
				{ service: 'web', errors: 1 },
				{ service: 'api', errors: 1 },
			],
			{},
			T0,
			true,
		);
		expect(result.results.map((each) => [each.json.series, each.json.severity, each.items])).toEqual([
			['api', 'critical', [0, 2]],
			['web', 'ok', [1]],
		]);
	});

	it('a bad item: named with its check and index; its series is not judged and keeps its alert', () => {
		const perService = check({ bySeries: true });
		const firing = run([perService], [{ service: 'api', errors: 30 }], {}, T0).memory;
		const result = run(
			[perService],
			[
				{ service: 'api', errors: 1 },
				{ service: 'api', errors: 'many' },
				{ service: 'web', errors: 1 },
			],
			firing,
			at(1),
			true,
		);
		expect(result.errors.map(({ check: name, itemIndex, error }) => [name, itemIndex, error.message])).toEqual([
			['Errors', 1, 'is "many", which is not a number'],
		]);
		expect(summary(result.results)).toEqual(['ok: Error count is 1.', 'ok: Not judged in this run: item 1 of this series has an error.']);
		expect(result.results[1]).toMatchObject({ items: [0], json: { series: 'api', state: 'firing', severity: null } });
		expect(result.memory.Errors.series.api.state).toBe('firing');
	});
});

describe('a series that goes silent, a check that goes away', () => {
	it('quiet until the missing time, then resolved as stopped reporting', () => {
		const perService = check({ bySeries: true });
		const firing = run([perService], [{ service: 'api', errors: 30 }], {}, T0).memory;
		expect(run([perService], [{ service: 'web', errors: 1 }], firing, at(29)).results).toEqual([]);
		const gone = run([perService], [{ service: 'web', errors: 1 }], firing, at(30));
		expect(summary(gone.results)).toEqual([
			'resolved: RESOLVED Errors [api]: No data since 2026-12-01T09:00:00.000Z: the series stopped reporting, so its alert is resolved.',
		]);
		expect(gone.results[0].json).toMatchObject({ resolvedBecause: 'gone', lastSeen: '2026-12-01T09:00:00.000Z' });
	});

	it('with No Data: alerts as No Data, and resolves when forgotten', () => {
		const watched = check({ bySeries: true, timing: timing({ noData: true }) });
		const seen = run([watched], [{ service: 'api', errors: 1 }], {}, T0).memory;
		const silent = run([watched], [], seen, at(30));
		expect(summary(silent.results)).toEqual([
			'alert: CRITICAL Errors [api] 1 vs 20 (nodata, since 2026-12-01T09:30:00.000Z): No data since 2026-12-01T09:00:00.000Z.',
		]);
		const forgotten = run([watched], [], silent.memory, at(24 * 60 + 1));
		expect(summary(forgotten.results)).toEqual([
			'resolved: RESOLVED Errors [api]: No data since 2026-12-01T09:00:00.000Z for too long: the series is forgotten and its alert resolved.',
		]);
	});

	it('a check removed from the node: its firing series resolve once, the quiet ones just go', () => {
		const memory = run([check(), check({ name: 'Quiet' })], [{ errors: 30 }], {}, T0).memory;
		const removed = run([check({ name: 'Other' })], [{ errors: 1 }], memory, at(1));
		expect(summary(removed.results)).toEqual([
			'resolved: RESOLVED Errors [Errors]: The check was removed or renamed, so its alert is resolved.',
			'resolved: RESOLVED Quiet [Quiet]: The check was removed or renamed, so its alert is resolved.',
		]);
		expect(removed.results[0].json).toMatchObject({
			state: 'normal',
			previousState: 'firing',
			severity: 'ok',
			value: 30,
			resolvedBecause: 'removed',
			threshold: null,
		});
		expect(Object.keys(removed.memory)).toEqual(['Other']);
	});
});

describe('endpoints', () => {
	const endpoint = check({
		name: 'Shop',
		label: 'Response time',
		unit: ' ms',
		source: { kind: 'endpoint' },
		thresholds: { warning: 2000, critical: undefined },
	});
	const observed = (observation: Partial<EndpointObservation>) =>
		new Map([['Shop', { series: 'Shop', up: true, latencyMs: 120, status: 200, problem: null, ...observation }]]);

	it('down is critical with the problem; slow is the warning; fast is fine', () => {
		const down = run([endpoint], [], {}, T0, true, observed({ up: false, status: 503, problem: 'status 503, expected 2xx', latencyMs: 40 }));
		// Without a critical line of its own, a critical endpoint shows the warning line.
		expect(summary(down.results)).toEqual([
			'alert: CRITICAL Shop [Shop] 40 ms vs 2,000 ms (firing, since 2026-12-01T09:00:00.000Z): The endpoint is down: status 503, expected 2xx.',
		]);
		expect(down.results[0].json).toMatchObject({ up: false, status: 503, latencyMs: 40 });
		expect(run([endpoint], [], {}, T0, true, observed({ latencyMs: 2000 })).results[0].json.severity).toBe('warning');
		expect(run([endpoint], [], {}, T0, true, observed({ latencyMs: 1999 })).results[0].json.severity).toBe('ok');
	});

	it('an endpoint not observed in this run (its request not made) counts as not reporting', () => {
		expect(run([endpoint], [], {}, T0, true).results).toEqual([]);
	});
});

describe('other conditions', () => {
	it('below: at or below the line', () => {
		const low = check({ label: 'Orders', thresholds: { condition: 'below', warning: 10, critical: 5 } });
		const severityAt = (errors: number) => run([low], [{ errors }], {}, T0, true).results[0].json;
		expect([11, 10, 6, 5, 4].map((value) => severityAt(value).severity)).toEqual(['ok', 'warning', 'warning', 'critical', 'critical']);
		expect(severityAt(5).reason).toBe('Orders is 5, at or below the critical threshold 5.');
	});

	it('outside a range: the reason names the range', () => {
		const range = check({
			label: 'Queue',
			unit: ' jobs',
			thresholds: { condition: 'outsideRange', low: 10, high: 100, rangeSeverity: 'warning', warning: undefined, critical: undefined },
		});
		expect(run([range], [{ errors: 150 }], {}, T0, true).results[0].json).toMatchObject({
			severity: 'warning',
			reason: 'Queue is 150 jobs, outside the healthy range 10–100 jobs.',
		});
		expect(run([range], [{ errors: 50 }], {}, T0, true).results[0].json.severity).toBe('ok');
		const highOnly = check({ thresholds: { condition: 'outsideRange', high: 100, rangeSeverity: 'critical', warning: undefined, critical: undefined } });
		expect(run([highOnly], [{ errors: 150 }], {}, T0, true).results[0].json.reason).toBe('Error count is 150, outside the healthy range –100.');
	});

	it('change above: compares with the value of the run before, in percent either way', () => {
		const change = check({ label: 'Sign-ups', thresholds: { condition: 'changeAbove', warning: 50, critical: undefined } });
		const first = run([change], [{ errors: 100 }], {}, T0, true);
		expect(first.results[0].json).toMatchObject({ severity: 'ok', changePercent: 0 });
		const drop = run([change], [{ errors: 40 }], first.memory, at(1), true);
		expect(drop.results[0].json).toMatchObject({
			severity: 'warning',
			changePercent: -60,
			reason: 'Sign-ups is -60, a change at or above the warning threshold 50.',
		});
		const rise = run([change], [{ errors: 149 }], first.memory, at(1), true);
		expect(rise.results[0].json).toMatchObject({ severity: 'ok', changePercent: 49 });
		// A series normal all along is still remembered, for the next change.
		expect(first.memory.Errors.series.Errors.value).toBe(100);
	});
});

describe('too few events', () => {
	it('a payment check below its minimum is described on OK when asked and remembered as seen', () => {
		const payments = check({
			name: 'Payments',
			label: 'Failure rate',
			unit: '%',
			source: { kind: 'paymentFailures', status: read('status'), statusField: 'status', failed: new Set(['failed']), minTotal: 5 },
			timing: timing({ noData: true }),
		});
		const result = run([payments], [{ status: 'failed' }, { status: 'paid' }], {}, T0, true);
		expect(summary(result.results)).toEqual(['ok: 2 payments: below the minimum of 5 needed to judge the failure rate.']);
		expect(result.results[0]).toMatchObject({ items: [0, 1], json: { check: 'Payments', series: 'Payments', state: 'normal', severity: null } });
		expect(result.memory.Payments.series.Payments).toMatchObject({ state: 'normal', seenAt: T0 });
		expect(run([payments], [{ status: 'failed' }], {}, T0).results).toEqual([]);
	});
});
