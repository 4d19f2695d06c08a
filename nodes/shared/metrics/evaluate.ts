import { stepAlert, type AlertMemory, type AlertPolicy } from '../alerting/alertState';
import type { InvalidItemValueError } from '../errors';
import { formatDecimal, formatMoney } from '../values/format';
import type { Render } from '../values/template';
import { fromMicros } from './adRow';
import type { GroupBy, GroupTotals, Grouped } from './groups';
import { round } from '../values/number';
import { changePercent, judge, METRIC_NAMES, metricOf, type Guards, type MetricKind, type Thresholds } from './judge';

export interface EvaluationSettings {
	kind: MetricKind;
	groupBy: GroupBy;
	thresholds: Thresholds;
	guards: Guards;
	policy: AlertPolicy;
	alertMessage: Render;
	resolvedMessage: Render;
}

export type Output = 'alert' | 'ok' | 'insufficient';

export interface GroupResult {
	output: Output;
	/** Input item indexes the group was built from. */
	items: number[];
	json: Record<string, unknown>;
}

export interface GroupProblem {
	items: number[];
	itemIndex: number;
	error: InvalidItemValueError;
	group: Record<string, unknown>;
}

export const MESSAGE_PLACEHOLDERS = [
	'severity',
	'campaign',
	'account',
	'metric',
	'value',
	'target',
	'limit',
	'gap',
	'change',
	'spend',
	'revenue',
	'conversions',
	'currency',
	'from',
	'to',
	'reason',
	'since',
] as const;

/**
 * Judges every group of the current period, steps its alert memory (mutated in place: it is the
 * node's workflow static data) and says where each group goes: Alert, OK or Insufficient Data.
 */
export function evaluateGroups(
	grouped: Grouped,
	settings: EvaluationSettings,
	memory: Record<string, AlertMemory>,
	now: number,
): { results: GroupResult[]; problems: GroupProblem[] } {
	const results: GroupResult[] = [];
	const problems: GroupProblem[] = [];
	for (const group of grouped.current) {
		const identity = identityOf(group, settings.groupBy);
		if (group.problem) {
			problems.push({ items: group.items, itemIndex: group.problem.itemIndex, error: group.problem.error, group: identity });
			continue;
		}
		results.push(evaluateGroup(group, grouped.previous.get(group.key), identity, settings, memory, now));
	}
	// A group seen only in the previous period has nothing to judge, but its rows must not vanish.
	const judged = new Set(grouped.current.map((group) => group.key));
	for (const [key, previous] of grouped.previous) {
		if (!judged.has(key)) results.push(onlyPreviousPeriod(previous, settings));
	}
	return { results, problems };
}

function onlyPreviousPeriod(previous: GroupTotals, settings: EvaluationSettings): GroupResult {
	const { kind } = settings;
	const when = previous.firstDate ? ` (${previous.firstDate} to ${previous.lastDate})` : '';
	const reason = `No rows in the current period, only in the previous one${when}: nothing to judge.`;
	return {
		output: 'insufficient',
		items: previous.items,
		json: {
			...identityOf(previous, settings.groupBy),
			metric: METRIC_NAMES[kind],
			[kind]: null,
			previousPeriod: previousFigures(kind, previous),
			severity: null,
			reason,
			message: reason,
		},
	};
}

function evaluateGroup(
	group: GroupTotals,
	previous: GroupTotals | undefined,
	identity: Record<string, unknown>,
	settings: EvaluationSettings,
	memory: Record<string, AlertMemory>,
	now: number,
): GroupResult {
	const { kind } = settings;
	const verdict = judge(kind, group, settings.thresholds, settings.guards);
	const metricName = kind;
	const change = changePercent(kind, verdict.metric, previous);
	const figures = {
		...identity,
		metric: METRIC_NAMES[kind],
		[metricName]: verdict.metric === null ? null : round(verdict.metric, 4),
		spend: round(fromMicros(group.spendMicros), 2),
		conversionValue: round(fromMicros(group.valueMicros), 2),
		conversions: round(group.conversions, 4),
		currency: group.currency,
		period: { from: group.firstDate, to: group.lastDate },
		...(previous ? { previousPeriod: previousFigures(kind, previous), changePercent: change } : {}),
	};
	if (!verdict.judged) {
		return { output: 'insufficient', items: group.items, json: { ...figures, severity: null, reason: verdict.reason, message: verdict.reason } };
	}
	const step = stepAlert(memory[group.key], verdict.severity, now, settings.policy);
	if (step.memory) memory[group.key] = step.memory;
	else delete memory[group.key];
	const json = {
		...figures,
		target: verdict.target,
		[kind === 'roas' ? 'criticalBelow' : 'maximum']: verdict.critical || null,
		severity: verdict.severity,
		gap: verdict.gap === null ? null : round(verdict.gap, 4),
		gapPercent: verdict.gapPercent,
		alert: {
			status: step.status,
			since: step.since === undefined ? null : new Date(step.since).toISOString(),
		},
		reason: verdict.reason,
	};
	const render = (template: Render) => template(messageValues(json, group, verdict.reason, step.since));
	if (step.status === 'resolved') {
		return { output: step.notify ? 'alert' : 'ok', items: group.items, json: { ...json, message: render(settings.resolvedMessage) } };
	}
	if (verdict.severity === 'ok') return { output: 'ok', items: group.items, json: { ...json, message: verdict.reason } };
	return { output: step.notify ? 'alert' : 'ok', items: group.items, json: { ...json, message: render(settings.alertMessage) } };
}

function identityOf(group: GroupTotals, groupBy: GroupBy): Record<string, unknown> {
	if (groupBy === 'all') return { group: 'All rows' };
	if (groupBy === 'account') return { account: group.accountId };
	return { campaign: group.campaignName, campaignId: group.campaignId, account: group.accountId || null };
}

function previousFigures(kind: MetricKind, previous: GroupTotals): Record<string, unknown> {
	const metric = metricOf(kind, previous);
	return {
		[kind]: metric === null ? null : round(metric, 4),
		spend: round(fromMicros(previous.spendMicros), 2),
		conversionValue: round(fromMicros(previous.valueMicros), 2),
		conversions: round(previous.conversions, 4),
		from: previous.firstDate,
		to: previous.lastDate,
	};
}

function messageValues(json: Record<string, unknown>, group: GroupTotals, reason: string, since: number | undefined): Record<string, string> {
	const metric = json.roas ?? json.cpa;
	const signed = (value: unknown) => (typeof value === 'number' ? `${value > 0 ? '+' : ''}${value}%` : 'n/a');
	return {
		severity: String(json.severity).toUpperCase(),
		campaign: group.campaignName || group.accountId || 'All rows',
		account: group.accountId,
		metric: String(json.metric),
		value: typeof metric === 'number' ? formatDecimal(metric) : 'n/a',
		target: formatDecimal(json.target as number),
		limit: typeof (json.criticalBelow ?? json.maximum) === 'number' ? formatDecimal((json.criticalBelow ?? json.maximum) as number) : 'none',
		gap: signed(json.gapPercent),
		change: signed(json.changePercent),
		spend: formatMoney(json.spend as number),
		revenue: formatMoney(json.conversionValue as number),
		conversions: formatDecimal(json.conversions as number),
		currency: group.currency,
		from: group.firstDate,
		to: group.lastDate,
		reason,
		since: since === undefined ? '' : new Date(since).toISOString(),
	};
}
