import { parseCron, runsOnDay } from '../schedule/cron';

/**
 * How a workflow starts, read from its saved JSON: each trigger node, what kind of start it is and,
 * for polling and schedules, the longest an event can wait before a run picks it up.
 */
export type TriggerKind = 'event' | 'polling' | 'schedule' | 'manual' | 'subWorkflow' | 'error';

export interface TriggerReading {
	node: string;
	type: string;
	kind: TriggerKind;
	/** Polling and schedules: the longest gap between two runs, in ms (several rules: the shortest of theirs, an upper bound). */
	worstDelayMs?: number;
	/** Polling and schedules: how often, in words ("every 15 minutes", "cron 0 6 * * *"). */
	every?: string;
	/** Why the gap could not be read (an expression, a cron that never runs). */
	problem?: string;
}

export interface SavedNode {
	name: string;
	type: string;
	disabled?: boolean;
	parameters?: Record<string, unknown>;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const NOT_EVENTS: Record<string, TriggerKind> = {
	'n8n-nodes-base.manualTrigger': 'manual',
	'n8n-nodes-base.start': 'manual',
	'n8n-nodes-base.evaluationTrigger': 'manual',
	'n8n-nodes-base.executeWorkflowTrigger': 'subWorkflow',
	'n8n-nodes-base.errorTrigger': 'error',
};
/** Triggers that listen (a request, a message, a connection) without "Trigger" in their type name. */
const LISTENERS = new Set(['n8n-nodes-base.webhook', 'n8n-nodes-base.emailReadImap']);

/** The reading of one node, or undefined when it is not a trigger (or is disabled). */
export function readTrigger(node: SavedNode): TriggerReading | undefined {
	if (node.disabled === true) return undefined;
	const base = { node: node.name, type: node.type };
	const parameters = node.parameters ?? {};
	if (node.type in NOT_EVENTS) return { ...base, kind: NOT_EVENTS[node.type] };
	if (node.type === 'n8n-nodes-base.scheduleTrigger') return { ...base, kind: 'schedule', ...scheduleRules(parameters.rule) };
	if (node.type === 'n8n-nodes-base.cron') return { ...base, kind: 'schedule', ...pollItems(parameters.triggerTimes, { mode: 'everyDay' }) };
	if (node.type === 'n8n-nodes-base.interval') return { ...base, kind: 'schedule', ...legacyInterval(parameters) };
	if (!LISTENERS.has(node.type) && !/Trigger$/.test(node.type)) return undefined;
	if (parameters.pollTimes !== undefined) return { ...base, kind: 'polling', ...pollItems(parameters.pollTimes, { mode: 'everyMinute' }) };
	return { ...base, kind: 'event' };
}

type Gap = Pick<TriggerReading, 'worstDelayMs' | 'every' | 'problem'>;

const plural = (count: number, unit: string) => (count === 1 ? `every ${unit}` : `every ${count} ${unit}s`);
const isExpression = (value: unknown) => typeof value === 'string' && value.startsWith('=');

/** Several rules or poll times: runs come from all of them, so the gap is at most the shortest of their gaps. */
function shortest(gaps: Gap[], none: string): Gap {
	if (gaps.length === 0) return { problem: none };
	const problem = gaps.find((gap) => gap.problem !== undefined);
	if (problem) return problem;
	const best = gaps.reduce((a, b) => ((b.worstDelayMs as number) < (a.worstDelayMs as number) ? b : a));
	return { worstDelayMs: best.worstDelayMs, every: gaps.map((gap) => gap.every).join(' and ') };
}

/** The Schedule Trigger's Trigger Rules, with n8n's defaults for fields the saved JSON leaves out. */
function scheduleRules(rule: unknown): Gap {
	const intervals = (rule as { interval?: unknown } | undefined)?.interval;
	const list = Array.isArray(intervals) ? (intervals as Array<Record<string, unknown>>) : [{}];
	return shortest(list.map(scheduleInterval), 'has no trigger rule');
}

function scheduleInterval(interval: Record<string, unknown>): Gap {
	if (Object.values(interval).some(isExpression)) return { problem: 'its rule is set by an expression' };
	const count = (key: string, fallback = 1) => Math.max(1, Number(interval[key] ?? fallback));
	switch (interval.field ?? 'days') {
		case 'seconds':
			return fixed(count('secondsInterval', 30) * SECOND, plural(count('secondsInterval', 30), 'second'));
		case 'minutes':
			return fixed(count('minutesInterval', 5) * MINUTE, plural(count('minutesInterval', 5), 'minute'));
		case 'hours':
			return fixed(count('hoursInterval') * HOUR, plural(count('hoursInterval'), 'hour'));
		case 'days':
			return fixed(count('daysInterval') * DAY, plural(count('daysInterval'), 'day'));
		case 'weeks':
			return weekdays(interval.triggerAtDay, count('weeksInterval'));
		case 'months':
			// The longest months are 31 days.
			return fixed(count('monthsInterval') * 31 * DAY, plural(count('monthsInterval'), 'month'));
		case 'cronExpression':
			return cronGap(String(interval.expression ?? ''));
		default:
			return { problem: `its rule "${String(interval.field)}" is not one n8n offers` };
	}
}

const fixed = (worstDelayMs: number, every: string): Gap => ({ worstDelayMs, every });

/** Weeks: the runs fall on the chosen weekdays of every Nth week; the longest gap wraps around the week. */
function weekdays(days: unknown, weeks: number): Gap {
	const chosen = [...new Set((Array.isArray(days) ? days : [0]).map(Number).filter((day) => Number.isInteger(day) && day >= 0 && day <= 6))].sort(
		(a, b) => a - b,
	);
	if (chosen.length === 0) return { problem: 'its weekly rule has no weekday' };
	let longest = 7 - chosen[chosen.length - 1] + chosen[0] + 7 * (weeks - 1);
	for (let index = 1; index < chosen.length; index++) longest = Math.max(longest, chosen[index] - chosen[index - 1]);
	const on = chosen.length === 1 ? 'once' : `${chosen.length} days`;
	return fixed(longest * DAY, `${on} ${weeks === 1 ? 'every week' : `every ${weeks} weeks`}`);
}

/** Poll Times (polling triggers) and the old Cron node's Trigger Times: n8n turns each into a cron. */
function pollItems(times: unknown, fallback: Record<string, unknown>): Gap {
	const items = (times as { item?: unknown } | undefined)?.item;
	const list = Array.isArray(items) ? (items as Array<Record<string, unknown>>) : [fallback];
	return shortest(list.map(pollItem), 'has no poll time');
}

function pollItem(item: Record<string, unknown>): Gap {
	if (Object.values(item).some(isExpression)) return { problem: 'its poll time is set by an expression' };
	switch (item.mode ?? 'everyDay') {
		case 'everyMinute':
			return fixed(MINUTE, 'every minute');
		case 'everyHour':
			return fixed(HOUR, 'every hour');
		case 'everyDay':
			return fixed(DAY, 'every day');
		case 'everyWeek':
			return fixed(7 * DAY, 'every week');
		case 'everyMonth':
			return fixed(31 * DAY, 'every month');
		case 'everyX': {
			const value = Math.max(1, Number(item.value ?? 2));
			return item.unit === 'minutes' ? fixed(value * MINUTE, plural(value, 'minute')) : fixed(value * HOUR, plural(value, 'hour'));
		}
		case 'custom':
			return cronGap(String(item.cronExpression ?? '* * * * * *'));
		default:
			return { problem: `its poll time "${String(item.mode)}" is not one n8n offers` };
	}
}

/** The old Interval node: every N seconds, minutes or hours. */
function legacyInterval(parameters: Record<string, unknown>): Gap {
	if (isExpression(parameters.interval) || isExpression(parameters.unit)) return { problem: 'its interval is set by an expression' };
	const value = Math.max(1, Number(parameters.interval ?? 1));
	const unit = String(parameters.unit ?? 'seconds');
	const size = unit === 'hours' ? HOUR : unit === 'minutes' ? MINUTE : SECOND;
	return fixed(value * size, plural(value, unit.replace(/s$/, '')));
}

/** A fixed Monday, so the same expression always gives the same gap (read in UTC: no clock changes). */
const SAMPLE_FROM = Date.UTC(2026, 0, 5);
/** Days walked at most: enough to see a 29 February twice. */
const SAMPLE_DAYS = 8 * 366 + 2;

/**
 * The longest gap between two runs of a cron expression: within a day it runs (its times of day)
 * and from the last run of one day it runs to the first of the next, over the days from a fixed
 * Monday until a year after its first day (and at least one more day).
 */
export function cronGap(expression: string): Gap {
	if (isExpression(expression)) return { problem: 'its cron expression is set by an expression' };
	const parsed = parseCron(expression);
	if (!parsed.ok) return { problem: parsed.problem };
	const fields = parsed.value;
	const times: number[] = [];
	for (const hour of fields.hours)
		for (const minute of fields.minutes) for (const second of fields.seconds) times.push((hour * 3600 + minute * 60 + second) * SECOND);
	let longest = 0;
	for (let index = 1; index < times.length; index++) longest = Math.max(longest, times[index] - times[index - 1]);
	const runDays: number[] = [];
	for (let offset = 0; offset < SAMPLE_DAYS; offset++) {
		const day = new Date(SAMPLE_FROM + offset * DAY);
		if (!runsOnDay(fields, day.getUTCMonth() + 1, day.getUTCDate(), day.getUTCDay())) continue;
		runDays.push(offset);
		if (runDays.length >= 2 && offset - runDays[0] > 366) break;
	}
	if (runDays.length === 0) return { problem: `"${expression.trim()}" never runs` };
	const overnight = DAY - times[times.length - 1] + times[0];
	for (let index = 1; index < runDays.length; index++) longest = Math.max(longest, (runDays[index] - runDays[index - 1] - 1) * DAY + overnight);
	// Only one day in eight years: the gap is at least that long.
	if (runDays.length === 1) longest = SAMPLE_DAYS * DAY;
	return fixed(longest, `cron ${expression.trim()}`);
}
