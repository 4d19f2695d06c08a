import type { TriggerReading } from './triggers';
import type { Volume } from './volume';
import type { WorkReading } from './work';

/** The Automation Audit's verdicts on one workflow. */
export type AuditVerdict = 'realTimeCouldBatch' | 'batchedCannotWait' | 'mixed' | 'fine' | 'notJudged';

export const VERDICT_LABELS: Record<AuditVerdict, string> = {
	realTimeCouldBatch: 'real-time, could batch',
	batchedCannotWait: 'batched, cannot wait',
	mixed: 'mixed: split with the Latency Classifier',
	fine: 'fine',
	notJudged: 'not judged',
};

export interface AuditFacts {
	triggers: TriggerReading[];
	work: WorkReading;
	volume: Volume;
	archived?: boolean;
}

export interface AuditOptions {
	/** Real-time means handled within this long (ms); a schedule or poll slower than this is batch. */
	realTimeWithinMs: number;
	/** Fewer executions in the window than this: its volume is not judged. */
	minExecutions: number;
	/** The hour of the daily batch run to propose, 0-23. */
	batchHour: number;
}

export interface Judgement {
	verdict: AuditVerdict;
	reason: string;
	/** Longest an event can wait for this workflow today (ms); 0 when event-driven. */
	worstDelayMs?: number;
	/** realTimeCouldBatch: executions a month that one daily run would save. */
	executionsSavedPerMonth?: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const DAYS_PER_MONTH = 30;
const JUDGED_KINDS = new Set(['event', 'polling', 'schedule']);
/** How the workflows the audit does not judge are started. */
const STARTED_ELSEWHERE: Partial<Record<TriggerReading['kind'], string>> = {
	manual: 'by hand',
	subWorkflow: 'from another workflow',
	error: 'when another workflow fails',
};

/** "15 minutes", "1 hour", "2 days", "1.5 minutes": the largest unit that holds it whole, else minutes or seconds. */
export function describeDuration(ms: number): string {
	const [value, unit] =
		ms >= DAY && ms % DAY === 0
			? [ms / DAY, 'day']
			: ms >= HOUR && ms % HOUR === 0
				? [ms / HOUR, 'hour']
				: ms >= MINUTE
					? [ms / MINUTE, 'minute']
					: [ms / 1000, 'second'];
	const rounded = Math.round(value * 10) / 10;
	return `${rounded.toLocaleString('en-US')} ${unit}${rounded === 1 ? '' : 's'}`;
}

const listOf = (evidence: WorkReading['realTime']) =>
	evidence
		.slice(0, 3)
		.map((each) => `${each.what} (${each.where})`)
		.join(', ');

/** The verdict on one workflow, with its reason in words an operator can act on. */
export function judgeWorkflow(facts: AuditFacts, options: AuditOptions): Judgement {
	if (facts.archived === true) return { verdict: 'notJudged', reason: 'It is archived.' };
	const judged = facts.triggers.filter((trigger) => JUDGED_KINDS.has(trigger.kind));
	if (judged.length === 0) {
		const kinds = [...new Set(facts.triggers.map((trigger) => trigger.kind))];
		const why =
			kinds.length === 0
				? 'It has no trigger, so it never starts by itself.'
				: `It starts only ${kinds.map((kind) => STARTED_ELSEWHERE[kind]).join(' or ')}: how late it may be is decided elsewhere.`;
		return { verdict: 'notJudged', reason: why };
	}
	const unreadable = judged.find((trigger) => trigger.problem !== undefined);
	if (unreadable) return { verdict: 'notJudged', reason: `How often "${unreadable.node}" runs cannot be read: ${unreadable.problem}.` };

	const eventDriven = judged.some((trigger) => trigger.kind === 'event');
	const worstDelayMs = eventDriven ? 0 : Math.min(...judged.map((trigger) => trigger.worstDelayMs as number));
	const slowest = judged.find((trigger) => trigger.worstDelayMs === worstDelayMs);
	const { realTime, batch, split } = facts.work;
	const { volume } = facts;

	if (split) return { verdict: 'fine', reason: 'It routes its items with a Latency Classifier already.', worstDelayMs };
	if (realTime.length > 0 && batch.length > 0) {
		return {
			verdict: 'mixed',
			reason: `Part of its work cannot wait (${listOf(realTime)}) and part can (${listOf(batch)}): put a Latency Classifier after the trigger and send the part that can wait to a nightly batch.`,
			worstDelayMs,
		};
	}
	if (realTime.length > 0) {
		const { watches } = facts.work;
		if (watches && !eventDriven) {
			// Figures no event announces can only be polled: the question is whether an alert can be an hour late.
			const late = `an alert can be up to ${describeDuration(worstDelayMs)} late`;
			if (worstDelayMs <= HOUR) {
				return {
					verdict: 'fine',
					reason: `It ${watches.what} (${watches.where}), which no event announces, so it checks ${slowest?.every}: ${late}.`,
					worstDelayMs,
				};
			}
			return {
				verdict: 'batchedCannotWait',
				reason: `Its work cannot wait (${listOf(realTime)}), and it ${watches.what} (${watches.where}), which no event announces, but "${slowest?.node}" checks only ${slowest?.every}: ${late}. Check at least every hour.`,
				worstDelayMs,
			};
		}
		if (worstDelayMs <= options.realTimeWithinMs) {
			return {
				verdict: 'fine',
				reason: `Its work cannot wait (${listOf(realTime)}) and it runs ${eventDriven ? 'as events arrive' : slowest?.every}.`,
				worstDelayMs,
			};
		}
		return {
			verdict: 'batchedCannotWait',
			reason: `Its work cannot wait (${listOf(realTime)}), but "${slowest?.node}" runs ${slowest?.every}: an event can wait up to ${describeDuration(worstDelayMs)}. Start it with a webhook or the app's own trigger instead${realTime.some((each) => each.what.startsWith('New lead')) ? ', as the lead-intake template does' : ''}.`,
			worstDelayMs,
		};
	}
	if (batch.length > 0) {
		// By the one-hour test: a schedule that leaves events waiting longer than an hour is a batch already.
		const nearRealTime = eventDriven || worstDelayMs <= HOUR;
		if (!nearRealTime) return { verdict: 'fine', reason: `Its work can wait (${listOf(batch)}) and it runs ${slowest?.every}.`, worstDelayMs };
		if (volume.executions < options.minExecutions) {
			return {
				verdict: 'fine',
				reason: `Its work can wait (${listOf(batch)}), but with ${volume.executions} executions in the window (fewer than ${options.minExecutions}) batching saves little.`,
				worstDelayMs,
			};
		}
		const perMonth = volume.perDay * DAYS_PER_MONTH;
		const saved = Math.max(0, Math.round(perMonth - DAYS_PER_MONTH));
		const hour = String(options.batchHour).padStart(2, '0');
		return {
			verdict: 'realTimeCouldBatch',
			reason: `Its work can wait (${listOf(batch)}), yet it runs ${eventDriven ? 'on every event' : slowest?.every}: about ${Math.round(perMonth).toLocaleString('en-US')} executions a month. One run a day at ${hour}:00 would save about ${saved.toLocaleString('en-US')}.`,
			worstDelayMs,
			executionsSavedPerMonth: saved,
		};
	}
	return {
		verdict: 'notJudged',
		reason: 'Nothing in its name, tags or nodes says whether its work can wait an hour: name it for what it does, or tag it (for example "report" or "lead").',
		worstDelayMs,
	};
}
