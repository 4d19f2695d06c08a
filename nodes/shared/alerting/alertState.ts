/**
 * Alert hygiene shared by every alerting node: notify on a change of state, not on every run
 * (Alertmanager's behaviour), with a resolved notice and an explicit reminder interval.
 * What is remembered per series is small and bounded: nothing is kept for a healthy series.
 */
export type Severity = 'ok' | 'warning' | 'critical';

export interface AlertMemory {
	severity: Exclude<Severity, 'ok'>;
	/** When the series started failing (epoch ms). */
	since: number;
	/** When a notification last went out (epoch ms). */
	notifiedAt: number;
	/** When the series was last evaluated (epoch ms); lets forgotten series be pruned. */
	seenAt: number;
}

export type AlertStatus =
	/** started failing: notify */
	| 'new'
	/** warning became critical: notify */
	| 'escalated'
	/** still failing and the reminder interval has passed: notify */
	| 'renotify'
	/** still failing, already notified: stay quiet */
	| 'ongoing'
	/** was failing, is fine now */
	| 'resolved'
	/** fine, and was fine */
	| 'ok';

export interface AlertPolicy {
	/** Off: every failing evaluation notifies, as if there were no memory. */
	onlyOnChange: boolean;
	sendResolved: boolean;
	/** 0: never remind. */
	renotifyAfterMs: number;
}

export interface AlertStep {
	status: AlertStatus;
	notify: boolean;
	since: number | undefined;
	memory: AlertMemory | undefined;
}

/** ok < warning < critical: a higher rank is an escalation. */
export const SEVERITY_RANK: Record<Severity, number> = { ok: 0, warning: 1, critical: 2 };

export function stepAlert(previous: AlertMemory | undefined, severity: Severity, now: number, policy: AlertPolicy): AlertStep {
	if (severity === 'ok') {
		if (!previous) return { status: 'ok', notify: false, since: undefined, memory: undefined };
		return { status: 'resolved', notify: policy.sendResolved, since: previous.since, memory: undefined };
	}
	if (!previous) {
		return { status: 'new', notify: true, since: now, memory: { severity, since: now, notifiedAt: now, seenAt: now } };
	}
	const since = previous.since;
	if (SEVERITY_RANK[severity] > SEVERITY_RANK[previous.severity]) {
		return { status: 'escalated', notify: true, since, memory: { severity, since, notifiedAt: now, seenAt: now } };
	}
	const reminderDue = policy.renotifyAfterMs > 0 && now - previous.notifiedAt >= policy.renotifyAfterMs;
	if (!policy.onlyOnChange || reminderDue) {
		return { status: policy.onlyOnChange ? 'renotify' : 'ongoing', notify: true, since, memory: { severity, since, notifiedAt: now, seenAt: now } };
	}
	return { status: 'ongoing', notify: false, since, memory: { ...previous, severity, seenAt: now } };
}

/** Drops series not evaluated for `maxAgeMs` (a paused campaign, a removed check). */
export function pruneMemory(memory: Record<string, AlertMemory>, now: number, maxAgeMs: number): void {
	for (const [key, entry] of Object.entries(memory)) {
		if (now - entry.seenAt > maxAgeMs) delete memory[key];
	}
}
