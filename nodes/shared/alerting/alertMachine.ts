/**
 * The one alert state machine of every alerting node (ROAS Calculator, CPA Tracker, Health Monitor),
 * with the semantics of Prometheus rules and Alertmanager:
 * - Pending is Prometheus' `for`: the condition must hold, without interruption, for a time and/or
 *   a number of evaluations; a value back under the threshold or a run without the series resets it.
 * - Escalation to critical waits for the same pending period; de-escalation is a notice of its own.
 * - Reminders while firing (Alertmanager's repeat_interval); at most one notice per series per
 *   minimum interval (its group_interval), resolves excepted; a held notice is sent later, not lost.
 * - A firing series that stops reporting resolves (or goes to No Data) after a set time, and a
 *   No Data alert resolves when the series is forgotten, so nothing stays firing for ever.
 * The machine is pure: it never mutates a record, so a run that fails commits nothing.
 */
export type Severity = 'ok' | 'warning' | 'critical';

/** ok < warning < critical: a higher rank is an escalation. */
export const SEVERITY_RANK: Record<Severity, number> = { ok: 0, warning: 1, critical: 2 };

export type AlertState = 'normal' | 'pending' | 'firing' | 'nodata';

/** What is saved per series between runs: a fixed set of fields, never growing with the runs. */
export interface AlertRecord {
	state: AlertState;
	/** Pending or firing severity; 'ok' when normal. */
	severity: Severity;
	/** Since when the present state holds (pending: since the condition started). */
	since: number;
	/** Consecutive evaluations the condition has held while pending. */
	count: number;
	/** Firing, worse than `severity`: consecutive evaluations at the worse level (escalation pending). */
	raise: number;
	raiseSince: number;
	/** When a notice last went out; 0: never. */
	notifiedAt: number;
	/** When the series last reported a value. */
	seenAt: number;
	value: number | null;
	/** A notice the minimum interval held back; it goes out at the first run the interval allows. */
	owed: AlertNotice | null;
	/** The operator was told of this alert (firing or No Data), so must hear it resolve. */
	announced: boolean;
}

export interface AlertTiming {
	/** Pending lasts until the condition has held this long... */
	pendingMs: number;
	/** ...and for this many evaluations in a row (1: the first evaluation may fire). */
	pendingEvaluations: number;
	/** Reminder interval while firing; 0: never remind. */
	renotifyMs: number;
	/** At most one notice per series in this interval, resolves excepted; 0: no limit. */
	minIntervalMs: number;
	/** A known series not reporting for this long is gone: its alert resolves, or goes to No Data. */
	missingMs: number;
	/** Gone series alert as No Data instead of resolving. */
	noData: boolean;
	/** A series not reporting for this long is forgotten; a No Data alert resolves then. */
	forgetMs: number;
}

/** Notices that announce or repeat an alert; with 'resolved' and null, every notice a step gives. */
export type AlertNotice = 'firing' | 'escalated' | 'deescalated' | 'renotify' | 'nodata';
export type Notice = AlertNotice | 'resolved' | null;

/** Why an alert resolved: the value recovered, the series stopped reporting, its check was removed. */
export type ResolveCause = 'recovered' | 'gone' | 'forgotten' | 'removed';

export interface AlertStep {
	/** undefined: nothing to keep for this series. */
	record: AlertRecord | undefined;
	previousState: AlertState;
	notice: Notice;
	cause?: ResolveCause;
}

export function initialRecord(now: number): AlertRecord {
	return {
		state: 'normal',
		severity: 'ok',
		since: now,
		count: 0,
		raise: 0,
		raiseSince: 0,
		notifiedAt: 0,
		seenAt: now,
		value: null,
		owed: null,
		announced: false,
	};
}

/** The severity hysteresis starts from: only a firing alert holds on to its level. */
export function firingSeverity(record: AlertRecord | undefined): Severity {
	return record?.state === 'firing' ? record.severity : 'ok';
}

/** True when the series has an alert its operator was told about (and so must hear it resolve). */
function announced(record: AlertRecord): boolean {
	return (record.state === 'firing' || record.state === 'nodata') && record.announced;
}

/**
 * How stale the saved "last seen" time may grow before a run that changes nothing else rewrites it,
 * as a share of the missing time. Without it every run would rewrite every record, so the alert
 * memory could never skip a write; the price is that a silent series is noticed up to this share of
 * its missing time early (and "No data since" shows the saved time).
 */
export const SEEN_REFRESH_SHARE = 0.1;

const RECORD_FIELDS = Object.keys(initialRecord(0)) as Array<keyof AlertRecord>;

/** The saved record stands when the only change is a fresher seenAt that is not due yet. */
function settled(before: AlertRecord | undefined, record: AlertRecord, now: number, timing: AlertTiming): AlertRecord {
	if (before === undefined || now - before.seenAt >= timing.missingMs * SEEN_REFRESH_SHARE) return record;
	for (const field of RECORD_FIELDS) if (field !== 'seenAt' && before[field] !== record[field]) return record;
	return before;
}

/**
 * Whether a record is worth saving. An alert in progress always is; a normal series only while its
 * memory still matters: to notice it going silent (No Data), to hold the minimum interval after a
 * notice, or for a check that compares each value with the one before. Everything else is left
 * out, so the memory grows with the alerts, not with the series watched.
 */
export function worthKeeping(record: AlertRecord, now: number, timing: AlertTiming, comparesValues = false): boolean {
	if (record.state !== 'normal' || timing.noData || comparesValues) return true;
	return timing.minIntervalMs > 0 && record.notifiedAt > 0 && now - record.notifiedAt < timing.minIntervalMs;
}

/** The series reported in this run but was not judged (a bad item, nothing to judge): only seen. */
export function seenUnjudged(previous: AlertRecord | undefined, now: number, timing: AlertTiming): AlertRecord {
	return previous === undefined ? initialRecord(now) : settled(previous, { ...previous, seenAt: now }, now, timing);
}

/** One evaluation with a value; `severity` already accounts for hysteresis (see hysteresis.ts). */
export function observe(previous: AlertRecord | undefined, severity: Severity, value: number | null, now: number, timing: AlertTiming): AlertStep {
	const step = evaluation(previous, severity, value, now, timing);
	return step.record === undefined || step.notice !== null ? step : { ...step, record: settled(previous, step.record, now, timing) };
}

function evaluation(previous: AlertRecord | undefined, severity: Severity, value: number | null, now: number, timing: AlertTiming): AlertStep {
	const before = previous ?? initialRecord(now);
	const previousState = before.state;
	const base: AlertRecord = { ...before, seenAt: now, value };
	if (severity === 'ok') {
		const wasAnnounced = announced(before);
		const record: AlertRecord = {
			...base,
			state: 'normal',
			severity: 'ok',
			since: previousState === 'normal' ? before.since : now,
			count: 0,
			raise: 0,
			raiseSince: 0,
			owed: null,
			announced: false,
		};
		return wasAnnounced ? { record, previousState, notice: 'resolved', cause: 'recovered' } : { record, previousState, notice: null };
	}
	if (previousState === 'firing') return stillFiring(before, base, severity, now, timing);
	if (previousState === 'nodata') {
		// The data is back and still bad: the alert goes on, now about the value.
		return gate({ ...base, state: 'firing', severity, since: now, count: 1, raise: 0, raiseSince: 0 }, before, 'firing', now, timing);
	}
	// A pending condition is only as continuous as the evaluations behind it: after a gap longer than
	// the missing time (no runs, or none with this series) it starts over.
	const continued = previousState === 'pending' && !(timing.missingMs > 0 && now - before.seenAt >= timing.missingMs);
	const pendingSince = continued ? before.since : now;
	const count = continued ? before.count + 1 : 1;
	if (count >= timing.pendingEvaluations && now - pendingSince >= timing.pendingMs) {
		return gate({ ...base, state: 'firing', severity, since: now, count, raise: 0, raiseSince: 0 }, before, 'firing', now, timing);
	}
	// It fires at the level that holds when it fires: a critical value that did not last is not
	// critical (as Prometheus' separate warning and critical rules would have it).
	return { record: { ...base, state: 'pending', severity, since: pendingSince, count }, previousState, notice: null };
}

function stillFiring(before: AlertRecord, base: AlertRecord, severity: Severity, now: number, timing: AlertTiming): AlertStep {
	if (SEVERITY_RANK[severity] > SEVERITY_RANK[before.severity]) {
		const raise = before.raise + 1;
		const raiseSince = before.raise > 0 ? before.raiseSince : now;
		if (raise >= timing.pendingEvaluations && now - raiseSince >= timing.pendingMs) {
			return gate({ ...base, severity, raise: 0, raiseSince: 0 }, before, 'escalated', now, timing);
		}
		return remindOrOwe({ ...base, raise, raiseSince }, before, now, timing);
	}
	const calm = { ...base, raise: 0, raiseSince: 0 };
	if (SEVERITY_RANK[severity] < SEVERITY_RANK[before.severity]) return gate({ ...calm, severity }, before, 'deescalated', now, timing);
	return remindOrOwe(calm, before, now, timing);
}

/** Still alerting, no change: a held notice or a reminder may be due. */
function remindOrOwe(record: AlertRecord, before: AlertRecord, now: number, timing: AlertTiming): AlertStep {
	if (record.owed !== null) return gate(record, before, record.owed, now, timing);
	if (timing.renotifyMs > 0 && now - before.notifiedAt >= timing.renotifyMs) return gate(record, before, 'renotify', now, timing);
	return { record, previousState: before.state, notice: null };
}

/** Sends a notice now, or holds it while the minimum interval since the last one runs. */
function gate(record: AlertRecord, before: AlertRecord, notice: AlertNotice, now: number, timing: AlertTiming): AlertStep {
	const tooSoon = timing.minIntervalMs > 0 && before.notifiedAt > 0 && now - before.notifiedAt < timing.minIntervalMs;
	if (tooSoon) {
		// An unsent first announcement stays owed as such; otherwise the latest change is what is owed.
		const firstOwed = !before.announced && (before.owed === 'firing' || before.owed === 'nodata');
		const owed = firstOwed ? before.owed : notice === 'renotify' ? before.owed : notice;
		return { record: { ...record, owed }, previousState: before.state, notice: null };
	}
	return { record: { ...record, notifiedAt: now, owed: null, announced: true }, previousState: before.state, notice };
}

/** A known series that did not report in this run. */
export function absent(previous: AlertRecord, now: number, timing: AlertTiming): AlertStep {
	const previousState = previous.state;
	const quiet = now - previous.seenAt;
	switch (previousState) {
		case 'pending':
			// As in Prometheus: a pending alert whose series is missing is dropped; the count starts over.
			return { record: { ...previous, state: 'normal', severity: 'ok', since: now, count: 0 }, previousState, notice: null };
		case 'normal':
			if (quiet > timing.forgetMs) return { record: undefined, previousState, notice: null };
			if (timing.noData && quiet >= timing.missingMs)
				return gate({ ...previous, state: 'nodata', severity: 'critical', since: now, count: 0 }, previous, 'nodata', now, timing);
			return { record: previous, previousState, notice: null };
		case 'firing':
			if (quiet < timing.missingMs) return { record: previous, previousState, notice: null };
			if (timing.noData)
				return gate({ ...previous, state: 'nodata', severity: 'critical', since: now, count: 0, raise: 0, raiseSince: 0 }, previous, 'nodata', now, timing);
			return resolvedStep(previous, now, 'gone', quiet > timing.forgetMs);
		case 'nodata':
			if (quiet > timing.forgetMs) return resolvedStep(previous, now, 'forgotten', true);
			return remindOrOwe(previous, previous, now, timing);
	}
}

/** The series' check was removed or renamed: an announced alert resolves, once, and the record goes. */
export function retire(previous: AlertRecord, now: number): AlertStep {
	return resolvedStep(previous, now, 'removed', true);
}

function resolvedStep(previous: AlertRecord, now: number, cause: ResolveCause, forget: boolean): AlertStep {
	const record: AlertRecord | undefined = forget
		? undefined
		: { ...previous, state: 'normal', severity: 'ok', since: now, count: 0, raise: 0, raiseSince: 0, owed: null, announced: false };
	return { record, previousState: previous.state, notice: announced(previous) ? 'resolved' : null, cause };
}
