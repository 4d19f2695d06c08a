/**
 * The Automation Audit's verdict on one workflow (audit/verdict.ts) from how it starts, what its work
 * is and its volume, and the execution counter that feeds it (audit/volume.ts), pages at a time.
 */
import type { TriggerReading } from '../../nodes/shared/audit/triggers';
import { describeDuration, judgeWorkflow, type AuditFacts } from '../../nodes/shared/audit/verdict';
import { VolumeCounter, type Volume } from '../../nodes/shared/audit/volume';
import type { WorkReading } from '../../nodes/shared/audit/work';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const OPTIONS = { realTimeWithinMs: 5 * MINUTE, minExecutions: 50, batchHour: 6 };
const webhook: TriggerReading = { node: 'Webhook', type: 'n8n-nodes-base.webhook', kind: 'event' };
const every = (ms: number, words: string, kind: 'schedule' | 'polling' = 'schedule'): TriggerReading => ({
	node: 'Every',
	type: 'n8n-nodes-base.scheduleTrigger',
	kind,
	worstDelayMs: ms,
	every: words,
});
const realTime = { route: 'realTime' as const, what: 'New lead or form submission', where: 'name "Lead follow-up"' };
const batch = { route: 'batch' as const, what: 'Reporting', where: 'name "Weekly report"' };
const work = (parts: Partial<WorkReading>): WorkReading => ({ realTime: [], batch: [], split: false, ...parts });
const volume = (executions: number, windowDays = 7): Volume => ({ executions, perDay: executions / windowDays, errorRate: 0, meanMs: 100, p95Ms: 200 });
const judge = (facts: Partial<AuditFacts>) => judgeWorkflow({ triggers: [webhook], work: work({}), volume: volume(0), ...facts }, OPTIONS);

describe('not judged', () => {
	it('archived, no trigger, only manual, sub-workflow or error starts, or a rule that cannot be read', () => {
		expect(judge({ archived: true })).toEqual({ verdict: 'notJudged', reason: 'It is archived.' });
		expect(judge({ triggers: [] }).reason).toBe('It has no trigger, so it never starts by itself.');
		expect(
			judge({
				triggers: [
					{ node: 'M', type: 't', kind: 'manual' },
					{ node: 'S', type: 't', kind: 'subWorkflow' },
				],
			}).reason,
		).toBe('It starts only by hand or from another workflow: how late it may be is decided elsewhere.');
		expect(judge({ triggers: [{ node: 'E', type: 't', kind: 'error' }] }).reason).toBe(
			'It starts only when another workflow fails: how late it may be is decided elsewhere.',
		);
		expect(judge({ triggers: [{ node: 'Every', type: 't', kind: 'schedule', problem: 'its rule is set by an expression' }] })).toEqual({
			verdict: 'notJudged',
			reason: 'How often "Every" runs cannot be read: its rule is set by an expression.',
		});
	});

	it('work that says nothing of itself', () => {
		expect(judge({}).verdict).toBe('notJudged');
		expect(judge({}).reason).toMatch(/^Nothing in its name, tags or nodes says whether its work can wait an hour/);
	});
});

describe('batched, cannot wait', () => {
	it('work that cannot wait on a schedule slower than the real-time limit, with the worst delay and what to use', () => {
		const judged = judge({ triggers: [every(HOUR, 'every hour')], work: work({ realTime: [realTime] }) });
		expect(judged).toEqual({
			verdict: 'batchedCannotWait',
			reason:
				'Its work cannot wait (New lead or form submission (name "Lead follow-up")), but "Every" runs every hour: an event can wait up to 1 hour. Start it with a webhook or the app\'s own trigger instead, as the lead-intake template does.',
			worstDelayMs: HOUR,
		});
	});

	it('the limit itself is real-time; a millisecond more is not', () => {
		expect(judge({ triggers: [every(5 * MINUTE, 'every 5 minutes')], work: work({ realTime: [realTime] }) }).verdict).toBe('fine');
		expect(judge({ triggers: [every(5 * MINUTE + 1, 'every 5 minutes')], work: work({ realTime: [realTime] }) }).verdict).toBe('batchedCannotWait');
	});

	it('a payment check polled daily names no lead template', () => {
		const payment = { route: 'realTime' as const, what: 'Payment failed', where: 'name "Failed payments"' };
		expect(judge({ triggers: [every(DAY, 'every day', 'polling')], work: work({ realTime: [payment] }) }).reason).toMatch(
			/can wait up to 1 day\. Start it with a webhook or the app's own trigger instead\.$/,
		);
	});

	it('a webhook next to a slow schedule: the event path counts', () => {
		expect(judge({ triggers: [every(DAY, 'every day'), webhook], work: work({ realTime: [realTime] }) })).toMatchObject({ verdict: 'fine', worstDelayMs: 0 });
	});
});

describe('real-time, could batch', () => {
	it('work that can wait, started by every event, above the minimum: executions a month saved by one daily run', () => {
		expect(judge({ work: work({ batch: [batch] }), volume: volume(7 * 1440) })).toEqual({
			verdict: 'realTimeCouldBatch',
			reason:
				'Its work can wait (Reporting (name "Weekly report")), yet it runs on every event: about 43,200 executions a month. One run a day at 06:00 would save about 43,170.',
			worstDelayMs: 0,
			executionsSavedPerMonth: 43_170,
		});
	});

	it('a sheet sync polled every minute', () => {
		const judged = judge({ triggers: [every(MINUTE, 'every minute', 'polling')], work: work({ batch: [batch] }), volume: volume(7 * 1440) });
		expect(judged.verdict).toBe('realTimeCouldBatch');
		expect(judged.reason).toContain('yet it runs every minute');
	});

	it('the minimum number of executions is judged; one fewer is fine', () => {
		expect(judge({ work: work({ batch: [batch] }), volume: volume(50) }).verdict).toBe('realTimeCouldBatch');
		expect(judge({ work: work({ batch: [batch] }), volume: volume(49) })).toMatchObject({
			verdict: 'fine',
			reason: 'Its work can wait (Reporting (name "Weekly report")), but with 49 executions in the window (fewer than 50) batching saves little.',
		});
	});

	it('a schedule that leaves events waiting more than an hour is a batch already; hourly is not', () => {
		expect(judge({ triggers: [every(DAY, 'every day')], work: work({ batch: [batch] }), volume: volume(7) })).toMatchObject({
			verdict: 'fine',
			reason: 'Its work can wait (Reporting (name "Weekly report")) and it runs every day.',
		});
		// The nightly template: every 5 minutes from 6 to 7, so the longest gap is 23 hours 5 minutes.
		expect(judge({ triggers: [every(HOUR + 1, 'cron */5 6 * * *')], work: work({ batch: [batch] }), volume: volume(84) }).verdict).toBe('fine');
		expect(judge({ triggers: [every(HOUR, 'every hour')], work: work({ batch: [batch] }), volume: volume(168) })).toMatchObject({
			verdict: 'realTimeCouldBatch',
			reason: expect.stringContaining('yet it runs every hour: about 720 executions a month'),
		});
	});

	it('never claims negative savings', () => {
		expect(judge({ work: work({ batch: [batch] }), volume: volume(350, 365) })).toMatchObject({ verdict: 'realTimeCouldBatch', executionsSavedPerMonth: 0 });
	});
});

describe('mixed and split', () => {
	it('work of both kinds: split with the Latency Classifier', () => {
		expect(judge({ work: work({ realTime: [realTime], batch: [batch] }) })).toMatchObject({
			verdict: 'mixed',
			reason:
				'Part of its work cannot wait (New lead or form submission (name "Lead follow-up")) and part can (Reporting (name "Weekly report")): put a Latency Classifier after the trigger and send the part that can wait to a nightly batch.',
		});
	});

	it('a workflow with a Latency Classifier already is fine', () => {
		expect(judge({ work: work({ realTime: [realTime], batch: [batch], split: true }) })).toEqual({
			verdict: 'fine',
			reason: 'It routes its items with a Latency Classifier already.',
			worstDelayMs: 0,
		});
	});

	it('names at most three pieces of evidence', () => {
		const four = [1, 2, 3, 4].map((n) => ({ ...batch, where: `node "Report ${n}"` }));
		expect(judge({ work: work({ batch: four }), volume: volume(1000) }).reason).not.toContain('Report 4');
		expect(judge({ work: work({ batch: four }), volume: volume(1000) }).reason).toContain('Report 3');
	});
});

describe('describeDuration', () => {
	it.each([
		[30_000, '30 seconds'],
		[1000, '1 second'],
		[MINUTE, '1 minute'],
		[90_000, '1.5 minutes'],
		[15 * MINUTE, '15 minutes'],
		[1500, '1.5 seconds'],
		[HOUR, '1 hour'],
		[2 * HOUR, '2 hours'],
		[36 * HOUR, '36 hours'],
		[DAY, '1 day'],
		[2 * DAY, '2 days'],
		[7 * DAY, '7 days'],
		[1440 * MINUTE + 30_000, '1,440.5 minutes'],
	])('%d ms is %s', (ms, words) => {
		expect(describeDuration(ms)).toBe(words);
	});
});

describe('VolumeCounter', () => {
	const run = (startedAt: string, ms: number, status = 'success') => ({ status, startedAt, stoppedAt: new Date(Date.parse(startedAt) + ms).toISOString() });

	it('counts executions, failures, the mean and the 95th percentile within 5%', () => {
		const counter = new VolumeCounter();
		for (let index = 1; index <= 100; index++) counter.add(run('2026-11-01T00:00:00Z', index * 10, index % 10 === 0 ? 'error' : 'success'));
		const figures = counter.volume(7);
		expect(figures.executions).toBe(100);
		expect(figures.perDay).toBeCloseTo(100 / 7);
		expect(figures.errorRate).toBe(0.1);
		expect(figures.meanMs).toBe(505);
		expect(figures.p95Ms).toBeGreaterThanOrEqual(950);
		expect(figures.p95Ms).toBeLessThanOrEqual(950 * 1.05);
	});

	it('counts a crashed run as failed, and one without times in the count but not the durations', () => {
		const counter = new VolumeCounter();
		counter.add({ status: 'crashed', startedAt: '2026-11-01T00:00:00Z', stoppedAt: null });
		counter.add(run('2026-11-01T00:00:00Z', 0));
		expect(counter.volume(1)).toEqual({ executions: 2, perDay: 2, errorRate: 0.5, meanMs: 0, p95Ms: 0 });
	});

	it('with nothing counted, no durations and no error rate', () => {
		expect(new VolumeCounter().volume(7)).toEqual({ executions: 0, perDay: 0, errorRate: 0, meanMs: undefined, p95Ms: undefined });
	});

	it('a stop before its start is not a duration', () => {
		const counter = new VolumeCounter();
		counter.add({ status: 'success', startedAt: '2026-11-01T00:00:01Z', stoppedAt: '2026-11-01T00:00:00Z' });
		expect(counter.volume(1).meanMs).toBeUndefined();
	});

	it('a run of one millisecond and one of ten hours are both placed', () => {
		const counter = new VolumeCounter();
		counter.add(run('2026-11-01T00:00:00Z', 1));
		expect(counter.volume(1).p95Ms).toBe(1);
		const long = new VolumeCounter();
		long.add(run('2026-11-01T00:00:00Z', 10 * HOUR));
		expect(long.volume(1).p95Ms).toBeGreaterThanOrEqual(10 * HOUR);
		expect(long.volume(1).p95Ms).toBeLessThanOrEqual(10 * HOUR * 1.05);
	});
});

describe('workflows that watch figures no event announces', () => {
	const watches = { route: 'realTime' as const, what: 'watches ROAS', where: 'node "ROAS vs target"' };
	const alerts = { route: 'realTime' as const, what: 'Monitoring alert or error spike', where: 'name "ROAS alerts"' };

	it('polled at most hourly: fine, saying how late an alert can be; a millisecond over an hour: cannot wait', () => {
		expect(judge({ triggers: [every(15 * MINUTE, 'every 15 minutes')], work: work({ realTime: [alerts], watches }) })).toEqual({
			verdict: 'fine',
			reason: 'It watches ROAS (node "ROAS vs target"), which no event announces, so it checks every 15 minutes: an alert can be up to 15 minutes late.',
			worstDelayMs: 15 * MINUTE,
		});
		expect(judge({ triggers: [every(HOUR, 'every hour')], work: work({ realTime: [alerts], watches }) }).verdict).toBe('fine');
		expect(judge({ triggers: [every(HOUR + 1, 'every hour and a bit')], work: work({ realTime: [alerts], watches }) })).toEqual({
			verdict: 'batchedCannotWait',
			reason:
				'Its work cannot wait (Monitoring alert or error spike (name "ROAS alerts")), and it watches ROAS (node "ROAS vs target"), which no event announces, but "Every" checks only every hour and a bit: an alert can be up to 60 minutes late. Check at least every hour.',
			worstDelayMs: HOUR + 1,
		});
	});

	it('started by events, or with no urgent work (a daily report built by the calculators), it is judged as any other', () => {
		expect(judge({ triggers: [webhook], work: work({ realTime: [alerts], watches }) }).reason).toMatch(/and it runs as events arrive\.$/);
		expect(judge({ triggers: [every(DAY, 'every day')], work: work({ batch: [batch], watches }) })).toMatchObject({
			verdict: 'fine',
			reason: expect.stringMatching(/^Its work can wait/),
		});
		// Without a watcher the same schedule is batched work that cannot wait (Real-Time Within is 5 minutes).
		expect(judge({ triggers: [every(15 * MINUTE, 'every 15 minutes')], work: work({ realTime: [alerts] }) }).verdict).toBe('batchedCannotWait');
	});
});
