/**
 * A failing data source is an alert of its own (metrics/sourceAlerts.ts, through evaluateGroups):
 * fires once, reminds on the alert interval, resolves when data flows again, and holds the
 * account's campaign alerts meanwhile. Clocks are real epoch times, not 0.
 */
import { createFailureReader, failureOf, heldBy, isSourceKey, sourceKey, type SourceFailure } from '../../nodes/shared/metrics/sourceAlerts';
import { alertMessages as alerts, campaign, emptyMemory as empty, HOUR, runCalculator, type RunOptions } from './adRun';

const T0 = Date.parse('2026-12-01T09:00:00Z');
const EXPIRED = {
	error: 'Meta Ads: Error validating access token: Session has expired.',
	description: 'The access token has expired or was revoked: create a new one and update the Meta Ads API credential.',
	accountId: 'act_1',
	platform: 'meta',
};
const readFailure = createFailureReader('spend', 'accountId');
const run = (items: Array<Record<string, unknown>>, memory: Parameters<typeof runCalculator>[1], now: number, options: RunOptions = {}) =>
	runCalculator(items, memory, now, options);
const settings = (timing: RunOptions['timing'] = {}, groupBy: RunOptions['groupBy'] = 'campaign', sendResolved = true): RunOptions => ({
	timing,
	groupBy,
	sendResolved,
});

describe('failureOf / createFailureReader', () => {
	it('reads an Ad Metrics failure item: message, what to do, account', () => {
		expect(readFailure(EXPIRED)).toEqual({ account: 'act_1', message: EXPIRED.error, description: EXPIRED.description });
	});

	it('reads an error given as an object with a message (as some n8n nodes leave it) and details instead of description', () => {
		expect(failureOf({ error: { message: 'timeout', description: 'after 30 s' } }, false, 'act_2')).toEqual({
			account: 'act_2',
			message: 'timeout',
			description: 'after 30 s',
		});
		expect(failureOf({ error: 'refused', details: 'ECONNREFUSED' }, false, 7)).toEqual({ account: '7', message: 'refused', description: 'ECONNREFUSED' });
	});

	it('an item with figures is a row whatever else it says; an empty or missing error is no failure', () => {
		expect(readFailure({ ...EXPIRED, spend: 10 })).toBeUndefined();
		expect(readFailure({ ...EXPIRED, metrics: { costMicros: '1' } })).toBeUndefined();
		expect(readFailure({ accountId: 'act_1', spend: 10 })).toBeUndefined();
		expect(readFailure({ error: '   ', accountId: 'act_1' })).toBeUndefined();
		expect(readFailure({ error: { code: 1 }, accountId: 'act_1' })).toBeUndefined();
		expect(readFailure({ error: null, accountId: 'act_1' })).toBeUndefined();
	});

	it('the account comes from the node\'s Account field first, then accountId, then account; none is ""', () => {
		const byCustomField = createFailureReader('cost', 'adAccount');
		expect(byCustomField({ error: 'x', adAccount: 'act_9', accountId: 'act_1' })?.account).toBe('act_9');
		expect(byCustomField({ error: 'x', account: 'act_8' })?.account).toBe('act_8');
		expect(byCustomField({ error: 'x', cost: 5 })).toBeUndefined();
		expect(byCustomField({ error: 'x' })?.account).toBe('');
		expect(failureOf({ error: 'x' }, false, { id: 1 })?.account).toBe('');
	});
});

describe('heldBy', () => {
	const failing = (accounts: string[]) =>
		new Map<string, SourceFailure>(accounts.map((account) => [account, { account, message: 'm', description: '', items: [0] }]));
	it('holds the groups of a failing account only, all groups when the failure names none', () => {
		expect(heldBy(failing([]), { account: 'act_1' })).toBe(false);
		expect(heldBy(failing(['act_1']), { account: 'act_1' })).toBe(true);
		expect(heldBy(failing(['act_1']), { account: 'act_2' })).toBe(false);
		expect(heldBy(failing(['']), { account: 'act_2' })).toBe(true);
		expect(heldBy(failing(['act_1']), { group: 'All rows' })).toBe(false);
	});
});

describe('a failing data source over a timeline', () => {
	it('fires once with the platform message and what to do, reminds after the interval, resolves when rows come back', () => {
		let memory = empty();
		const first = run([EXPIRED], memory, T0);
		expect(alerts(first.results)).toEqual([
			'DATA SOURCE FAILING account act_1: ROAS is not being watched. Meta Ads: Error validating access token: Session has expired. The access token has expired or was revoked: create a new one and update the Meta Ads API credential.',
		]);
		expect(first.results[0]).toMatchObject({
			items: [0],
			json: { account: 'act_1', roas: null, severity: 'critical', sourceError: EXPIRED.error, alert: { state: 'firing', notice: 'firing' } },
		});
		memory = first.memory;
		expect(Object.keys(memory.groups)).toEqual([sourceKey('act_1')]);

		// Every 15 minutes for almost a day: nothing more in Alert, each failure item on Insufficient Data.
		for (let minutes = 15; minutes < 24 * 60; minutes += 15) {
			const step = run([EXPIRED], memory, T0 + minutes * 60_000);
			expect(alerts(step.results)).toEqual([]);
			expect(step.results).toEqual([expect.objectContaining({ output: 'insufficient', items: [0] })]);
			memory = step.memory;
		}
		const reminder = run([EXPIRED], memory, T0 + 24 * HOUR);
		expect(alerts(reminder.results)).toEqual([
			expect.stringMatching(/^DATA SOURCE STILL FAILING \(since 2026-12-01T09:00:00.000Z\) account act_1: ROAS is not being watched\. /),
		]);
		memory = reminder.memory;

		const back = run([campaign('act_1', 'Brand', 100, 400)], memory, T0 + 25 * HOUR);
		expect(alerts(back.results)).toEqual([
			'RESOLVED account act_1: the data source works again, ROAS is watched again (it failed from 2026-12-01T09:00:00.000Z).',
		]);
		expect(back.results.find((result) => result.json.alert && (result.json.alert as { notice: string }).notice === 'resolved')?.json).toMatchObject({
			severity: 'ok',
			account: 'act_1',
			alert: { state: 'normal', notice: 'resolved', since: '2026-12-01T09:00:00.000Z' },
		});
		expect(Object.keys(back.memory.groups).some(isSourceKey)).toBe(false);
		// And not again.
		expect(alerts(run([campaign('act_1', 'Brand', 100, 400)], back.memory, T0 + 26 * HOUR).results)).toEqual([]);
	});

	it('with Pending Runs 2, one failed run is a blip: no alert, and it is forgotten when the next run works', () => {
		const timing = settings({ pendingEvaluations: 2 });
		const first = run([EXPIRED], empty(), T0, timing);
		expect(alerts(first.results)).toEqual([]);
		const next = run([campaign('act_1', 'Brand', 100, 400)], first.memory, T0 + 15 * 60_000, timing);
		expect(alerts(next.results)).toEqual([]);
		expect(Object.keys(next.memory.groups).some(isSourceKey)).toBe(false);
		const twice = run([EXPIRED], run([EXPIRED], empty(), T0, timing).memory, T0 + 15 * 60_000, timing);
		expect(alerts(twice.results)).toEqual([expect.stringMatching(/^DATA SOURCE FAILING account act_1/)]);
	});

	it('a resolve goes to OK when Send Resolved is off', () => {
		const off = settings({}, 'campaign', false);
		const failing = run([EXPIRED], empty(), T0, off);
		const back = run([campaign('act_1', 'Brand', 100, 400)], failing.memory, T0 + HOUR, off);
		expect(back.results.filter((result) => result.output === 'ok').map((result) => result.json.message)).toContain(
			'RESOLVED account act_1: the data source works again, ROAS is watched again (it failed from 2026-12-01T09:00:00.000Z).',
		);
		expect(alerts(back.results)).toEqual([]);
	});

	it("a campaign firing when its account's token expires is neither resolved nor missing while the source fails, for longer than the missing time", () => {
		let memory = run([campaign('act_1', 'Brand', 100, 50), campaign('act_2', 'Shoes', 100, 50)], empty(), T0).memory;
		expect(Object.keys(memory.groups).sort()).toEqual(['act_1/Brand', 'act_2/Shoes']);
		const brandBefore = memory.groups['act_1/Brand'];
		// act_1 fails for three days (missing time 48 h); act_2 stops reporting too, without a failure.
		for (let hour = 1; hour <= 72; hour += 1) {
			const step = run([EXPIRED], memory, T0 + hour * HOUR);
			expect(step.results.filter((result) => String(result.json.message).includes('Brand'))).toEqual([]);
			memory = step.memory;
		}
		expect(memory.groups['act_1/Brand']).toEqual(brandBefore);
		// act_2 was not held: it went missing and resolved after 48 h.
		expect(memory.groups['act_2/Shoes']).toBeUndefined();
		// Data back, still bad: the alert goes on; its daily reminder is overdue, so it comes now, as a reminder.
		const back = run([campaign('act_1', 'Brand', 100, 50)], memory, T0 + 73 * HOUR);
		expect(alerts(back.results)).toEqual([
			'CRITICAL Brand: ROAS 0.5 is below the critical level of 1.',
			expect.stringMatching(/^RESOLVED account act_1: the data source works again/),
		]);
		expect(back.results.find((result) => result.json.campaign === 'Brand')?.json.alert).toMatchObject({
			state: 'firing',
			notice: 'renotify',
			since: '2026-12-01T09:00:00.000Z',
		});
	});

	it('one of ten accounts failing: nine judged, one failure, the others untouched', () => {
		const items = Array.from({ length: 10 }, (_, index) =>
			index === 3 ? { ...EXPIRED, accountId: 'act_3' } : campaign(`act_${index}`, `C${index}`, 100, 400),
		);
		const { results } = run(items, empty(), T0, settings({}, 'account'));
		expect(results).toHaveLength(10);
		expect(results.filter((result) => result.json.sourceError !== undefined).map((result) => [result.json.account, result.items])).toEqual([['act_3', [3]]]);
		expect(results.filter((result) => typeof result.json.roas === 'number')).toHaveLength(9);
	});

	it('two items failing for one account make one alert carrying both items; All Rows groups every failure as one', () => {
		const two = run([EXPIRED, { ...EXPIRED, error: 'Meta Ads: timeout' }], empty(), T0);
		expect(two.results).toHaveLength(1);
		expect(two.results[0].items).toEqual([0, 1]);
		const all = run([EXPIRED, { ...EXPIRED, accountId: 'act_2' }, campaign('act_3', 'C', 100, 400)], empty(), T0, settings({}, 'all'));
		expect(all.results.filter((result) => result.json.sourceError !== undefined)).toEqual([
			expect.objectContaining({ items: [0, 1], json: expect.objectContaining({ account: null }) }),
		]);
		expect(alerts(all.results)).toEqual([expect.stringMatching(/^DATA SOURCE FAILING ad data: ROAS is not being watched/)]);
	});

	it('the platform message is escaped for the destination: a hostile error text cannot ping a channel', () => {
		const { results } = run([{ error: '<!channel> token <https://evil.example|expired>', accountId: 'act_<1>' }], empty(), T0);
		expect(results[0].json.message).toBe(
			'DATA SOURCE FAILING account act_&lt;1&gt;: ROAS is not being watched. &lt;!channel&gt; token &lt;https://evil.example|expired&gt;',
		);
		// The reason keeps the platform's words as they are, for a node that escapes itself.
		expect(results[0].json.reason).toBe('The data source failed: <!channel> token <https://evil.example|expired>');
	});

	it('an account failing now and another recovering in the same run: one alert each way', () => {
		const memory = run([EXPIRED], empty(), T0).memory;
		const { results } = run([{ ...EXPIRED, accountId: 'act_2' }, campaign('act_1', 'Brand', 100, 400)], memory, T0 + HOUR);
		expect(alerts(results).map((message) => message.slice(0, 40))).toEqual([
			'DATA SOURCE FAILING account act_2: ROAS ',
			'RESOLVED account act_1: the data source ',
		]);
	});
});
