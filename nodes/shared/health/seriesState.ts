import { SEVERITY_RANK, type Severity } from '../alerting/alertState';

/**
 * The life of one series of one check, as a serious alert engine sees it:
 * Normal -> Pending (condition holds, not long enough yet) -> Firing -> Resolved,
 * and NoData when a known series stops reporting. Notifications go out on transitions only,
 * plus reminders while firing.
 */
export type SeriesState = 'normal' | 'pending' | 'firing' | 'nodata';

/** What is saved per series between executions: small and fixed in size. */
export interface SeriesMemory {
	state: SeriesState;
	severity: Severity;
	/** Since when the present state holds (epoch ms); for pending, when the condition started. */
	since: number;
	/** Consecutive evaluations the condition has held while pending. */
	count: number;
	notifiedAt: number;
	seenAt: number;
	value: number | null;
}

export interface Timing {
	/** Pending lasts until the condition has held this long... */
	pendingMs: number;
	/** ...and for this many evaluations (1: the first evaluation may fire). */
	pendingEvaluations: number;
	/** 0: never remind. */
	renotifyMs: number;
	/** A known series not seen for this long is NoData; 0 switches it off. */
	noDataMs: number;
}

export type Notice = 'firing' | 'escalated' | 'renotify' | 'nodata' | 'resolved' | null;

export interface SeriesStep {
	memory: SeriesMemory;
	previousState: SeriesState;
	notice: Notice;
}

export function initialMemory(now: number): SeriesMemory {
	return { state: 'normal', severity: 'ok', since: now, count: 0, notifiedAt: 0, seenAt: now, value: null };
}

/** One evaluation with a value: `severity` already accounts for hysteresis. */
export function observe(previous: SeriesMemory, severity: Severity, value: number, now: number, timing: Timing): SeriesStep {
	const base = { ...previous, seenAt: now, value };
	const previousState = previous.state;
	if (severity === 'ok') {
		const wasAlerting = previousState === 'firing' || previousState === 'nodata';
		return {
			memory: { ...base, state: 'normal', severity: 'ok', since: previousState === 'normal' ? previous.since : now, count: 0 },
			previousState,
			notice: wasAlerting ? 'resolved' : null,
		};
	}
	if (previousState === 'firing') {
		if (SEVERITY_RANK[severity] > SEVERITY_RANK[previous.severity]) {
			return { memory: { ...base, severity, notifiedAt: now }, previousState, notice: 'escalated' };
		}
		if (timing.renotifyMs > 0 && now - previous.notifiedAt >= timing.renotifyMs) {
			return { memory: { ...base, severity, notifiedAt: now }, previousState, notice: 'renotify' };
		}
		return { memory: { ...base, severity }, previousState, notice: null };
	}
	const pendingSince = previousState === 'pending' ? previous.since : now;
	const count = previousState === 'pending' ? previous.count + 1 : 1;
	if (count >= timing.pendingEvaluations && now - pendingSince >= timing.pendingMs) {
		return { memory: { ...base, state: 'firing', severity, since: now, count, notifiedAt: now }, previousState, notice: 'firing' };
	}
	return { memory: { ...base, state: 'pending', severity, since: pendingSince, count }, previousState, notice: null };
}

/** A known series that did not report in this evaluation. */
export function missing(previous: SeriesMemory, now: number, timing: Timing): SeriesStep | undefined {
	if (timing.noDataMs <= 0 || previous.state === 'nodata') {
		if (previous.state === 'nodata' && timing.renotifyMs > 0 && now - previous.notifiedAt >= timing.renotifyMs) {
			return { memory: { ...previous, notifiedAt: now }, previousState: 'nodata', notice: 'renotify' };
		}
		return undefined;
	}
	if (now - previous.seenAt < timing.noDataMs) return undefined;
	return {
		memory: { ...previous, state: 'nodata', severity: 'critical', since: now, count: 0, notifiedAt: now },
		previousState: previous.state,
		notice: 'nodata',
	};
}
