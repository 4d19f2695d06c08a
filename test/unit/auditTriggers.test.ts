/**
 * How a workflow starts, read from saved workflow JSON (audit/triggers.ts): each trigger's kind and,
 * for schedules and polling, the longest wait between runs, with n8n's defaults for what the saved
 * JSON leaves out.
 */
import { cronGap, readTrigger, type SavedNode } from '../../nodes/shared/audit/triggers';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const node = (type: string, parameters: Record<string, unknown> = {}, extra: Partial<SavedNode> = {}): SavedNode => ({
	name: 'Trigger',
	type,
	parameters,
	...extra,
});
const schedule = (...interval: Array<Record<string, unknown>>) => readTrigger(node('n8n-nodes-base.scheduleTrigger', { rule: { interval } }));

describe('which nodes start a workflow, and how', () => {
	it.each([
		['n8n-nodes-base.webhook', 'event'],
		['n8n-nodes-base.formTrigger', 'event'],
		['@n8n/n8n-nodes-langchain.chatTrigger', 'event'],
		['n8n-nodes-base.stripeTrigger', 'event'],
		['n8n-nodes-base.emailReadImap', 'event'],
		['n8n-nodes-base.manualTrigger', 'manual'],
		['n8n-nodes-base.start', 'manual'],
		['n8n-nodes-base.evaluationTrigger', 'manual'],
		['n8n-nodes-base.executeWorkflowTrigger', 'subWorkflow'],
		['n8n-nodes-base.errorTrigger', 'error'],
	])('%s is %s', (type, kind) => {
		expect(readTrigger(node(type))).toEqual({ node: 'Trigger', type, kind });
	});

	it.each(['n8n-nodes-base.slack', 'n8n-nodes-base.set', 'n8n-nodes-base.respondToWebhook', 'n8n-nodes-base.stickyNote'])('%s is no trigger', (type) => {
		expect(readTrigger(node(type))).toBeUndefined();
	});

	it('a disabled trigger starts nothing', () => {
		expect(readTrigger(node('n8n-nodes-base.webhook', {}, { disabled: true }))).toBeUndefined();
		expect(readTrigger(node('n8n-nodes-base.webhook', {}, { disabled: false }))?.kind).toBe('event');
	});

	it('an app trigger with Poll Times polls', () => {
		expect(readTrigger(node('n8n-nodes-base.googleSheetsTrigger', { pollTimes: { item: [{ mode: 'everyMinute' }] } }))).toEqual({
			node: 'Trigger',
			type: 'n8n-nodes-base.googleSheetsTrigger',
			kind: 'polling',
			worstDelayMs: MINUTE,
			every: 'every minute',
		});
	});
});

describe('Schedule Trigger rules as n8n saves them', () => {
	it.each([
		[{ field: 'seconds' }, 30_000, 'every 30 seconds'],
		[{ field: 'seconds', secondsInterval: 1 }, 1000, 'every second'],
		[{ field: 'minutes' }, 5 * MINUTE, 'every 5 minutes'],
		[{ field: 'minutes', minutesInterval: 15 }, 15 * MINUTE, 'every 15 minutes'],
		[{ field: 'minutes', minutesInterval: 1 }, MINUTE, 'every minute'],
		[{ field: 'hours' }, HOUR, 'every hour'],
		[{ field: 'hours', hoursInterval: 6 }, 6 * HOUR, 'every 6 hours'],
		[{}, DAY, 'every day'],
		[{ field: 'days', triggerAtHour: 6 }, DAY, 'every day'],
		[{ field: 'days', daysInterval: 2 }, 2 * DAY, 'every 2 days'],
		[{ field: 'weeks' }, 7 * DAY, 'once every week'],
		[{ field: 'weeks', weeksInterval: 2, triggerAtDay: [1] }, 14 * DAY, 'once every 2 weeks'],
		[{ field: 'weeks', triggerAtDay: [1, 4] }, 4 * DAY, '2 days every week'],
		[{ field: 'weeks', triggerAtDay: [0, 1, 2, 3, 4, 5, 6] }, DAY, '7 days every week'],
		[{ field: 'weeks', weeksInterval: 2, triggerAtDay: [1, 4] }, 11 * DAY, '2 days every 2 weeks'],
		[{ field: 'months' }, 31 * DAY, 'every month'],
		[{ field: 'months', monthsInterval: 3 }, 93 * DAY, 'every 3 months'],
		[{ field: 'cronExpression', expression: '0 6 * * *' }, DAY, 'cron 0 6 * * *'],
	])('%j: at most %d ms (%s)', (interval, worstDelayMs, every) => {
		expect(schedule(interval)).toEqual({ node: 'Trigger', type: 'n8n-nodes-base.scheduleTrigger', kind: 'schedule', worstDelayMs, every });
	});

	it('with no rule saved, n8n runs it every day', () => {
		expect(readTrigger(node('n8n-nodes-base.scheduleTrigger'))?.worstDelayMs).toBe(DAY);
	});

	it('several rules: the shortest gap bounds the wait, and all are named', () => {
		expect(schedule({ field: 'hours' }, { field: 'minutes', minutesInterval: 10 })).toMatchObject({
			worstDelayMs: 10 * MINUTE,
			every: 'every hour and every 10 minutes',
		});
	});

	it('says why it cannot tell: an expression, an unknown field, a weekly rule without a day, a bad cron', () => {
		expect(schedule({ field: 'minutes', minutesInterval: '={{ $json.every }}' })).toMatchObject({ problem: 'its rule is set by an expression' });
		expect(schedule({ field: 'fortnights' })).toMatchObject({ problem: 'its rule "fortnights" is not one n8n offers' });
		expect(schedule({ field: 'weeks', triggerAtDay: [] })).toMatchObject({ problem: 'its weekly rule has no weekday' });
		expect(schedule({ field: 'cronExpression', expression: '0 6 * *' })?.problem).toMatch(/has 4 fields/);
		expect(schedule({ field: 'hours' }, { field: 'cronExpression', expression: 'nonsense' })?.worstDelayMs).toBeUndefined();
		expect(readTrigger(node('n8n-nodes-base.scheduleTrigger', { rule: { interval: [] } }))).toMatchObject({ problem: 'has no trigger rule' });
	});
});

describe('Poll Times and the old Cron and Interval nodes', () => {
	const poll = (...item: Array<Record<string, unknown>>) => readTrigger(node('n8n-nodes-base.rssFeedReadTrigger', { pollTimes: { item } }));
	it.each([
		[{ mode: 'everyMinute' }, MINUTE],
		[{ mode: 'everyHour', minute: 5 }, HOUR],
		[{ mode: 'everyDay', hour: 6 }, DAY],
		[{}, DAY],
		[{ mode: 'everyWeek' }, 7 * DAY],
		[{ mode: 'everyMonth' }, 31 * DAY],
		[{ mode: 'everyX' }, 2 * HOUR],
		[{ mode: 'everyX', value: 10, unit: 'minutes' }, 10 * MINUTE],
		[{ mode: 'everyX', value: 3, unit: 'hours' }, 3 * HOUR],
		[{ mode: 'custom', cronExpression: '0 */30 * * * *' }, 30 * MINUTE],
		[{ mode: 'custom' }, 1000],
	])('%j: at most %d ms', (item, worstDelayMs) => {
		expect(poll(item)).toMatchObject({ kind: 'polling', worstDelayMs });
	});

	it('a poll time that is an expression or unknown is named', () => {
		expect(poll({ mode: 'everyX', value: '={{ 5 }}' })).toMatchObject({ problem: 'its poll time is set by an expression' });
		expect(poll({ mode: 'sometimes' })).toMatchObject({ problem: 'its poll time "sometimes" is not one n8n offers' });
		expect(readTrigger(node('n8n-nodes-base.rssFeedReadTrigger', { pollTimes: { item: [] } }))).toMatchObject({ problem: 'has no poll time' });
	});

	it('a polling trigger with Poll Times saved empty polls every minute, as n8n defaults', () => {
		expect(readTrigger(node('n8n-nodes-base.rssFeedReadTrigger', { pollTimes: {} }))).toMatchObject({ worstDelayMs: MINUTE, every: 'every minute' });
	});

	it('the old Cron node reads Trigger Times the same way, every day by default', () => {
		expect(readTrigger(node('n8n-nodes-base.cron', { triggerTimes: { item: [{ mode: 'everyHour' }] } }))).toMatchObject({
			kind: 'schedule',
			worstDelayMs: HOUR,
		});
		expect(readTrigger(node('n8n-nodes-base.cron'))).toMatchObject({ kind: 'schedule', worstDelayMs: DAY });
	});

	it.each([
		[{}, 1000, 'every second'],
		[{ interval: 30, unit: 'seconds' }, 30_000, 'every 30 seconds'],
		[{ interval: 5, unit: 'minutes' }, 5 * MINUTE, 'every 5 minutes'],
		[{ interval: 2, unit: 'hours' }, 2 * HOUR, 'every 2 hours'],
	])('the old Interval node %j: %d ms', (parameters, worstDelayMs, every) => {
		expect(readTrigger(node('n8n-nodes-base.interval', parameters))).toMatchObject({ kind: 'schedule', worstDelayMs, every });
	});

	it('the old Interval node with an expression says so', () => {
		expect(readTrigger(node('n8n-nodes-base.interval', { interval: '={{ 5 }}' }))).toMatchObject({ problem: 'its interval is set by an expression' });
	});
});

describe('cronGap: the longest gap between runs over a year', () => {
	it.each([
		['* * * * *', MINUTE],
		['*/15 * * * *', 15 * MINUTE],
		['0 9-17 * * 1-5', 64 * HOUR], // Friday 17:00 to Monday 09:00
		['0 6 * * 1', 7 * DAY],
		['0 0 1 * *', 31 * DAY],
		['*/10 * * * * *', 10_000],
		['0 0 29 2 *', 1461 * DAY], // 29 February 2028 to 2032
	])('%s: %d ms', (expression, gap) => {
		expect(cronGap(expression).worstDelayMs).toBe(gap);
	});

	it('names the expression, trimmed, and refuses one that never runs or is an expression', () => {
		expect(cronGap(' 0 6 * * * ')).toEqual({ worstDelayMs: DAY, every: 'cron 0 6 * * *' });
		expect(cronGap('0 0 31 2 *')).toEqual({ problem: '"0 0 31 2 *" never runs' });
		expect(cronGap('={{ $json.cron }}')).toEqual({ problem: 'its cron expression is set by an expression' });
	});
});
