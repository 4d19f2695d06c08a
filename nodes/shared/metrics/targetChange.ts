import type { Severity } from '../alerting/alertMachine';
import { formatMoney, formatRatio } from '../values/format';
import type { GroupTotals } from './groups';
import { holdVerdict, judge, METRIC_NAMES, type Guards, type MetricKind, type Thresholds, type Verdict } from './judge';

export interface TargetChange {
	/** The target the group was judged against at the run before. */
	before: number;
	/** The severity the group had then (firing level, or 'ok'). */
	severityBefore: Severity;
	margin: number;
}

/**
 * Node version 2 on: when an alert fires, escalates, drops back or resolves only because the target
 * moved (the operator edited it, or the row's Target Field did), the reason says so. Judged by
 * asking what the same figures would have been against the old target.
 */
export function withTargetChange(
	kind: MetricKind,
	verdict: Verdict,
	group: GroupTotals,
	thresholds: Thresholds,
	guards: Guards,
	change: TargetChange,
): Verdict {
	if (!verdict.judged || verdict.target === change.before || verdict.severity === change.severityBefore) return verdict;
	const underOldTarget = holdVerdict(
		kind,
		judge(kind, { ...group, target: change.before }, thresholds, guards, true),
		change.severityBefore,
		change.margin,
		true,
	);
	if (!underOldTarget.judged || underOldTarget.severity !== change.severityBefore) return verdict;
	const shown = kind === 'roas' ? formatRatio : formatMoney;
	const moved = verdict.target > change.before ? 'raised' : 'lowered';
	const reason = `${verdict.reason.replace(/\.$/, '')} (target ${moved} from ${shown(change.before)}): the target changed, not ${METRIC_NAMES[kind]}.`;
	return { ...verdict, reason };
}
