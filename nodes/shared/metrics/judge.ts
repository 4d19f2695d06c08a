import type { Severity } from '../alerting/alertMachine';
import { heldSeverity, recoveryLine } from '../alerting/hysteresis';
import { formatDecimal, formatMoney, formatRatio } from '../values/format';
import { round } from '../values/number';
import { fromMicros } from './adRow';
import type { GroupTotals } from './groups';

export type MetricKind = 'roas' | 'cpa';

/**
 * ROAS: warning below `target`, critical below `critical`.
 * CPA: warning above `target`, critical above `critical` (the hard maximum); 0 switches it off.
 */
export interface Thresholds {
	target: number;
	critical: number;
}

/** The ad platforms' own habit: do not judge a campaign before it has spent (or converted) enough. */
export interface Guards {
	minSpend: number;
	minConversions: number;
	/**
	 * CPA, node version 2 on: spend with no conversion is an alert once it exceeds this many target
	 * CPAs (what the target allows a first conversion to cost). Undefined: version 1, where reaching
	 * the minimum spend with no conversion was critical whatever the target.
	 */
	noConversionMultiple?: number;
}

export type Verdict =
	| { judged: false; reason: string; metric: number | null }
	| {
			judged: true;
			metric: number | null;
			target: number;
			critical: number;
			severity: Severity;
			gap: number | null;
			gapPercent: number | null;
			reason: string;
	  };

export const METRIC_NAMES: Record<MetricKind, string> = { roas: 'ROAS', cpa: 'CPA' };

/** The metric of a group: ROAS = value / spend, CPA = spend / conversions; null where not defined. */
export function metricOf(kind: MetricKind, totals: Pick<GroupTotals, 'spendMicros' | 'valueMicros' | 'conversions'>): number | null {
	if (kind === 'roas') return totals.spendMicros === 0 ? null : totals.valueMicros / totals.spendMicros;
	return totals.conversions === 0 ? null : fromMicros(totals.spendMicros) / totals.conversions;
}

/**
 * `clean`: node version 2 on, a ROAS keeps two significant digits below 0.01 and counts read
 * "1 conversion". Version 1's saved workflows keep their wording.
 */
export function judge(kind: MetricKind, totals: GroupTotals, thresholds: Thresholds, guards: Guards, clean = false): Verdict {
	const ratio = clean ? formatRatio : formatDecimal;
	const spend = fromMicros(totals.spendMicros);
	const metric = metricOf(kind, totals);
	const target = totals.target ?? thresholds.target;
	const critical = thresholds.critical;
	if (kind === 'roas') {
		if (totals.spendMicros === 0) return { judged: false, metric, reason: 'No spend in the period: ROAS is not defined.' };
		if (spend < guards.minSpend) {
			return { judged: false, metric, reason: `Spend ${formatMoney(spend)} is below the minimum of ${formatMoney(guards.minSpend)} needed to judge ROAS.` };
		}
		const roas = metric as number;
		const severity: Severity = roas < critical ? 'critical' : roas < target ? 'warning' : 'ok';
		const reason =
			totals.valueMicros === 0
				? `Spent ${formatMoney(spend)} with no conversion value.`
				: severity === 'ok'
					? `ROAS ${ratio(roas)} meets the target of ${ratio(target)}.`
					: `ROAS ${ratio(roas)} is below the ${severity === 'critical' ? 'critical level' : 'target'} of ${ratio(severity === 'critical' ? critical : target)}.`;
		return { judged: true, metric: roas, target, critical, severity, gap: roas - target, gapPercent: percent(roas - target, target), reason };
	}
	const enoughData = totals.conversions >= guards.minConversions || spend >= guards.minSpend;
	// Version 1 wrote "1 conversions"; its saved workflows keep their messages.
	const count = clean ? conversionCount : (n: number) => `${n} conversions`;
	if (!enoughData) {
		return {
			judged: false,
			metric,
			reason: `${count(totals.conversions)} and ${formatMoney(spend)} spend: below the minimum of ${count(guards.minConversions)} or ${formatMoney(guards.minSpend)} spend needed to judge CPA.`,
		};
	}
	if (metric === null) {
		if (totals.spendMicros === 0) return { judged: false, metric, reason: 'No spend and no conversions in the period: CPA is not defined.' };
		if (guards.noConversionMultiple !== undefined) return judgeNoConversion(spend, target, critical, guards.noConversionMultiple);
		return {
			judged: true,
			metric: null,
			target,
			critical,
			severity: 'critical',
			gap: null,
			gapPercent: null,
			reason: `Spent ${formatMoney(spend)} with no conversions.`,
		};
	}
	const severity: Severity = critical > 0 && metric > critical ? 'critical' : metric > target ? 'warning' : 'ok';
	const reason =
		severity === 'ok'
			? `CPA ${formatMoney(metric)} is within the target of ${formatMoney(target)}.`
			: `CPA ${formatMoney(metric)} is above the ${severity === 'critical' ? 'maximum' : 'target'} of ${formatMoney(severity === 'critical' ? critical : target)}.`;
	return { judged: true, metric, target, critical, severity, gap: metric - target, gapPercent: percent(metric - target, target), reason };
}

function conversionCount(count: number): string {
	return `${formatDecimal(count)} ${count === 1 ? 'conversion' : 'conversions'}`;
}

/**
 * Spend with no conversion yet, judged by what a first conversion may cost: within the target's
 * allowance it is too early to tell; past it a warning, or critical past the Maximum CPA (or at
 * once without one, as nothing else would ever raise it).
 */
function judgeNoConversion(spend: number, target: number, critical: number, multiple: number): Verdict {
	const allowed = target * multiple;
	const allowance =
		multiple === 1
			? `the target CPA of ${formatMoney(target)}`
			: `${formatDecimal(multiple)} × the target CPA of ${formatMoney(target)} (${formatMoney(allowed)})`;
	if (spend <= allowed) {
		return { judged: false, metric: null, reason: `Spent ${formatMoney(spend)} with no conversion yet, within ${allowance}: too early to judge CPA.` };
	}
	const severity: Severity = critical <= 0 || spend > critical ? 'critical' : 'warning';
	const beyondMaximum = critical > 0 && spend > critical ? `, and above the Maximum CPA of ${formatMoney(critical)}` : '';
	return {
		judged: true,
		metric: null,
		target,
		critical,
		severity,
		gap: null,
		gapPercent: null,
		reason: `Spent ${formatMoney(spend)} with no conversion, more than ${allowance}${beyondMaximum}.`,
	};
}

export function percent(change: number, base: number): number | null {
	return base === 0 ? null : round((change / base) * 100, 1);
}

/** % change of the metric against the previous period, where both are defined. */
export function changePercent(kind: MetricKind, current: number | null, previous: GroupTotals | undefined): number | null {
	if (current === null || previous === undefined) return null;
	const before = metricOf(kind, previous);
	return before === null ? null : percent(current - before, before);
}

/**
 * Applies hysteresis to a judged verdict: a campaign firing at `current` keeps that level until its
 * metric is back past the level's line by `margin` (a share: 0.05 for 5%), and says so.
 */
export function holdVerdict(kind: MetricKind, verdict: Verdict, current: Severity, margin: number, clean = false): Verdict {
	if (!verdict.judged || verdict.severity === current) return verdict;
	const badWhen = kind === 'roas' ? 'below' : 'above';
	const lineOf = (level: Exclude<Severity, 'ok'>) => (level === 'critical' && verdict.critical > 0 ? verdict.critical : verdict.target);
	const metric = verdict.metric;
	const recovered = (level: Exclude<Severity, 'ok'>) => {
		if (metric === null) return false;
		// Critical without a critical line (CPA with no maximum: critical meant no conversions) ends once there is a CPA.
		if (level === 'critical' && verdict.critical <= 0) return true;
		const back = recoveryLine(lineOf(level), badWhen, margin);
		return badWhen === 'below' ? metric >= back : metric <= back;
	};
	const severity = heldSeverity(verdict.severity, current, recovered);
	if (severity === verdict.severity) return verdict;
	const line = lineOf(severity === 'critical' ? 'critical' : 'warning');
	const back = recoveryLine(line, badWhen, margin);
	const shown = kind === 'roas' ? (clean ? formatRatio : formatDecimal) : formatMoney;
	const name = METRIC_NAMES[kind];
	const level = severity === 'critical' ? (kind === 'roas' ? 'critical level' : 'maximum') : 'target';
	// A CPA with no conversion has no value to name; version 1 wrote "CPA n/a has not yet recovered".
	if (clean && metric === null) {
		return {
			...verdict,
			severity,
			reason: `${verdict.reason.replace(/\.$/, '')}; the alert stays until ${name} is ${kind === 'roas' ? 'at or above' : 'at or below'} ${shown(back)}.`,
		};
	}
	const reason = `${name} ${metric === null ? 'n/a' : shown(metric)} has not yet recovered from the ${level} of ${shown(line)}: it recovers at ${kind === 'roas' ? 'or above' : 'or below'} ${shown(back)}.`;
	return { ...verdict, severity, reason };
}
