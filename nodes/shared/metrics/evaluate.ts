import { alertField } from '../alerting/alertField';
import { absent, firingSeverity, observe, seenUnjudged, worthKeeping, type AlertRecord, type AlertStep, type AlertTiming } from '../alerting/alertMachine';
import { evaluateSources, heldBy, isSourceKey } from './sourceAlerts';
import { withTargetChange } from './targetChange';
import type { InvalidItemValueError } from '../errors';
import { formatDecimal, formatMoney, formatRatio } from '../values/format';
import type { Escape } from '../values/escape';
import type { Render } from '../values/template';
import { fromMicros } from './adRow';
import type { GroupBy, GroupTotals, Grouped } from './groups';
import { round } from '../values/number';
import { attempt } from '../values/attempt';
import { changePercent, holdVerdict, judge, METRIC_NAMES, metricOf, type Guards, type MetricKind, type Thresholds } from './judge';

export interface EvaluationSettings {
	kind: MetricKind;
	groupBy: GroupBy;
	thresholds: Thresholds;
	guards: Guards;
	timing: AlertTiming;
	/** Recovery margin as a share of each line (0.05: 5%). */
	margin: number;
	/** Resolved notices go to Alert (on) or OK (off). */
	sendResolved: boolean;
	alertMessage: Render;
	resolvedMessage: Render;
	/** For values from the data in messages the node writes itself (see values/escape.ts). */
	escape: Escape;
	/** Node version 2 on: ratios at a precision that keeps them meaningful, "1 conversion" (see judge). */
	cleanWording?: boolean;
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
	'conversionsText',
	'currency',
	'from',
	'to',
	'reason',
	'since',
] as const;

/** What is remembered per group: its alert record and who it is, for messages once its rows stop. */
export interface GroupMemory {
	alert: AlertRecord;
	identity: Record<string, unknown>;
	/** Name, account and currency as the messages show them. */
	labels: { campaign: string; account: string; currency: string };
	/** Version 2 on: the target it was last judged against, so a notice can say the target moved, not the metric. */
	target?: number;
}

/** Saved state: the rule the alerts fire under (an edit drops hysteresis) and each group's memory. */
export interface AdAlertMemory {
	rule: string;
	groups: Record<string, GroupMemory>;
}

export function ruleOf(settings: EvaluationSettings): string {
	return JSON.stringify([settings.thresholds, settings.margin]);
}

/** The node's target under a saved rule, for groups without their own; undefined if unreadable. */
function targetOfRule(rule: string): number | undefined {
	const parsed = attempt(() => JSON.parse(rule) as unknown);
	if (!parsed.ok || !Array.isArray(parsed.value)) return undefined;
	const target = (parsed.value[0] as { target?: unknown } | null)?.target;
	return typeof target === 'number' ? target : undefined;
}

/**
 * Judges every group of the current period, steps its alert record and says where each group goes:
 * Alert, OK or Insufficient Data. `memory` is never changed: the new memory is returned, for the
 * caller to commit once the whole run has succeeded.
 */
export function evaluateGroups(
	grouped: Grouped,
	settings: EvaluationSettings,
	memory: Readonly<AdAlertMemory>,
	now: number,
): { results: GroupResult[]; problems: GroupProblem[]; memory: AdAlertMemory } {
	const results: GroupResult[] = [];
	const problems: GroupProblem[] = [];
	const rule = ruleOf(settings);
	const sameRule = memory.rule === rule;
	const ruleTargetBefore = sameRule ? settings.thresholds.target : targetOfRule(memory.rule);
	const groups: Record<string, GroupMemory> = {};
	const seen = new Set<string>();
	const keep = (key: string, entry: GroupMemory) => {
		if (worthKeeping(entry.alert, now, settings.timing)) groups[key] = entry;
	};
	for (const group of grouped.current) {
		seen.add(group.key);
		const identity = identityOf(group, settings.groupBy);
		const saved = memory.groups[group.key];
		if (group.problem) {
			// Not judged on its other rows; its alert stays as it was, and it is not missing either.
			if (saved) groups[group.key] = { ...saved, alert: seenUnjudged(saved.alert, now, settings.timing) };
			problems.push({ items: group.items, itemIndex: group.problem.itemIndex, error: group.problem.error, group: identity });
			continue;
		}
		// The target at the run before: the group's own, remembered, or the node's then (for groups without their own).
		const targetBefore = saved?.target ?? (group.target === undefined ? ruleTargetBefore : undefined);
		const { result, step } = evaluateGroup(group, grouped.previous.get(group.key), identity, settings, saved?.alert, targetBefore, sameRule, now);
		results.push(result);
		const alert = step ? step.record : saved ? seenUnjudged(saved.alert, now, settings.timing) : undefined;
		const target = typeof result.json.target === 'number' ? result.json.target : saved?.target;
		if (alert) keep(group.key, { alert, identity, labels: labelsOf(group), ...(settings.cleanWording && target !== undefined ? { target } : {}) });
	}
	for (const [key, saved] of Object.entries(memory.groups)) {
		if (seen.has(key) || isSourceKey(key)) continue;
		// Its rows could not be fetched: not missing, just unknown; its alert waits as it was.
		if (heldBy(grouped.failedSources, saved.identity)) {
			groups[key] = saved;
			continue;
		}
		const step = absent(saved.alert, now, settings.timing);
		if (step.record) keep(key, { ...saved, alert: step.record });
		if (step.notice !== null) results.push(missingGroup(saved, step, settings));
	}
	// A group seen only in the previous period has nothing to judge, but its rows must not vanish.
	for (const [key, previous] of grouped.previous) {
		if (!seen.has(key)) results.push(onlyPreviousPeriod(previous, settings));
	}
	const sources = evaluateSources(grouped.failedSources, settings, memory, now);
	results.push(...sources.results);
	Object.assign(groups, sources.groups);
	return { results, problems, memory: { rule, groups } };
}

function labelsOf(group: GroupTotals): GroupMemory['labels'] {
	return { campaign: group.campaignName || group.accountId || 'All rows', account: group.accountId, currency: group.currency };
}

/** A group whose rows stopped arriving: its alert goes to No Data, reminds, or resolves. */
function missingGroup(saved: GroupMemory, step: AlertStep, settings: EvaluationSettings): GroupResult {
	const lastSeen = new Date(saved.alert.seenAt).toISOString();
	const resolved = step.notice === 'resolved';
	const reason = resolved
		? `No rows since ${lastSeen}: the campaign stopped reporting, so its alert is resolved.`
		: `No rows since ${lastSeen}: no data to judge.`;
	const record = step.record ?? saved.alert;
	const json = {
		...saved.identity,
		metric: METRIC_NAMES[settings.kind],
		[settings.kind]: null,
		severity: resolved ? 'ok' : record.severity,
		alert: alertField(step, record, saved.alert),
		lastSeen,
		reason,
	};
	// The message templates speak of figures; a campaign without rows has none, so it says what happened.
	const message = `${resolved ? 'RESOLVED' : 'NO DATA'} ${settings.escape(saved.labels.campaign)}: ${reason}`;
	const output: Output = resolved && !settings.sendResolved ? 'ok' : 'alert';
	return { output, items: [], json: { ...json, message } };
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
	saved: AlertRecord | undefined,
	targetBefore: number | undefined,
	sameRule: boolean,
	now: number,
): { result: GroupResult; step?: AlertStep } {
	const { kind } = settings;
	const clean = settings.cleanWording === true;
	const raw = judge(kind, group, settings.thresholds, settings.guards, clean);
	const held = holdVerdict(kind, raw, sameRule ? firingSeverity(saved) : 'ok', settings.margin, clean);
	const verdict =
		clean && targetBefore !== undefined
			? withTargetChange(kind, held, group, settings.thresholds, settings.guards, {
					before: targetBefore,
					severityBefore: firingSeverity(saved),
					margin: settings.margin,
				})
			: held;
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
		return { result: { output: 'insufficient', items: group.items, json: { ...figures, severity: null, reason: verdict.reason, message: verdict.reason } } };
	}
	const step = observe(saved, verdict.severity, verdict.metric, now, settings.timing);
	const record = step.record as AlertRecord;
	const json = {
		...figures,
		target: verdict.target,
		[kind === 'roas' ? 'criticalBelow' : 'maximum']: verdict.critical || null,
		severity: verdict.severity,
		gap: verdict.gap === null ? null : round(verdict.gap, 4),
		gapPercent: verdict.gapPercent,
		alert: alertField(step, record, saved),
		reason: verdict.reason,
	};
	const since = record.state === 'normal' ? (step.notice === 'resolved' ? saved?.since : undefined) : record.since;
	const render = (template: Render) => template(messageValues(json, group, verdict.reason, since, clean));
	const done = (output: Output, message: string): { result: GroupResult; step: AlertStep } => ({
		result: { output, items: group.items, json: { ...json, message } },
		step,
	});
	if (step.notice === 'resolved') return done(settings.sendResolved ? 'alert' : 'ok', render(settings.resolvedMessage));
	if (verdict.severity === 'ok' || record.state === 'pending') return done('ok', verdict.reason);
	return done(step.notice !== null ? 'alert' : 'ok', render(settings.alertMessage));
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

function messageValues(json: Record<string, unknown>, group: GroupTotals, reason: string, since: number | undefined, clean: boolean): Record<string, string> {
	const metric = json.roas ?? json.cpa;
	const ratio = clean && json.metric === 'ROAS' ? formatRatio : formatDecimal;
	const conversions = json.conversions as number;
	const signed = (value: unknown) => (typeof value === 'number' ? `${value > 0 ? '+' : ''}${value}%` : 'n/a');
	return {
		severity: String(json.severity).toUpperCase(),
		campaign: group.campaignName || group.accountId || 'All rows',
		account: group.accountId,
		metric: String(json.metric),
		value: typeof metric === 'number' ? ratio(metric) : 'n/a',
		target: ratio(json.target as number),
		limit: typeof (json.criticalBelow ?? json.maximum) === 'number' ? ratio((json.criticalBelow ?? json.maximum) as number) : 'none',
		gap: signed(json.gapPercent),
		change: signed(json.changePercent),
		spend: formatMoney(json.spend as number),
		revenue: formatMoney(json.conversionValue as number),
		conversions: formatDecimal(conversions),
		conversionsText: `${formatDecimal(conversions)} ${conversions === 1 ? 'conversion' : 'conversions'}`,
		currency: group.currency,
		from: group.firstDate,
		to: group.lastDate,
		reason,
		since: since === undefined ? '' : new Date(since).toISOString(),
	};
}
