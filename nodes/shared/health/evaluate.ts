import {
	absent,
	firingSeverity,
	observe,
	retire,
	seenUnjudged,
	worthKeeping,
	type AlertRecord,
	type AlertStep,
	type AlertTiming,
	type Notice,
	type ResolveCause,
	type Severity,
} from '../alerting/alertMachine';
import type { InvalidItemValueError } from '../errors';
import { formatDecimal } from '../values/format';
import type { Render } from '../values/template';
import { seriesValues, type SeriesSource } from './series';
import { severityOf, thresholdFor, type Thresholds } from './thresholds';

/** What an endpoint check measured in this execution (the node shell makes the request). */
export interface EndpointObservation {
	series: string;
	up: boolean;
	latencyMs: number;
	status: number | null;
	problem: string | null;
}

export interface CheckSpec {
	name: string;
	/** What the value is, for messages: "Spend pacing", "Payment failure rate"... */
	label: string;
	unit: string;
	source: SeriesSource | { kind: 'endpoint' };
	seriesOf: (json: unknown) => string;
	/** Series come from a field (otherwise the check has one series, named after it). */
	bySeries: boolean;
	thresholds: Thresholds;
	timing: AlertTiming;
}

export type HealthOutput = 'alert' | 'resolved' | 'ok';

export interface HealthResult {
	output: HealthOutput;
	items: number[];
	json: Record<string, unknown>;
}

export interface HealthEvaluation {
	results: HealthResult[];
	errors: Array<{ check: string; itemIndex: number; error: InvalidItemValueError }>;
}

export const HEALTH_PLACEHOLDERS = ['check', 'series', 'severity', 'state', 'value', 'threshold', 'since', 'reason'] as const;

/** Saved state of one check: the rule it was judged by (to notice edits) and each series' record. */
export interface CheckMemory {
	rule: string;
	series: Record<string, AlertRecord>;
}

/** Saved state: per check name. */
export type HealthMemory = Record<string, CheckMemory>;

/** The rule a check's alerts fire under; an edit makes firing series start from their value again. */
export function ruleOf(check: CheckSpec): string {
	return JSON.stringify(check.thresholds);
}

/**
 * Evaluates every check and steps the state of each series. `memory` is the saved state, which
 * this never changes: the new state is returned, for the caller to commit once the run succeeds.
 * Series needing no notification are described only when `includeOk` asks for them.
 */
export function evaluateChecks(
	checks: readonly CheckSpec[],
	jsons: readonly unknown[],
	endpoints: ReadonlyMap<string, EndpointObservation>,
	memory: Readonly<HealthMemory>,
	now: number,
	messages: { alert: Render; resolved: Render },
	includeOk: boolean,
): HealthEvaluation & { memory: HealthMemory } {
	const results: HealthResult[] = [];
	const errors: HealthEvaluation['errors'] = [];
	const next: HealthMemory = {};
	for (const [name, saved] of Object.entries(memory)) {
		if (checks.some((check) => check.name === name)) continue;
		for (const [series, record] of Object.entries(saved.series)) {
			const step = retire(record, now);
			if (step.notice) results.push(retiredResult(name, series, record, step, messages.resolved));
		}
	}
	for (const check of checks) {
		const saved = memory[check.name];
		const rule = ruleOf(check);
		const known = saved?.series ?? {};
		const sameRule = saved?.rule === rule;
		const records: Record<string, AlertRecord> = {};
		next[check.name] = { rule, series: records };
		const seen = new Set<string>();
		const byChange = check.thresholds.condition === 'changeAbove';
		const keep = (series: string, record: AlertRecord | undefined) => {
			if (record && worthKeeping(record, now, check.timing, byChange)) records[series] = record;
		};
		const report = (series: string, step: AlertStep, shown: AlertRecord, measured: number | null, details: () => Record<string, unknown>, items: number[]) => {
			keep(series, step.record);
			if (step.notice !== null || includeOk) results.push(resultOf(check, series, step, step.record ?? shown, measured, details(), items, messages));
		};
		const judge = (series: string, value: number, measured: number, details: () => Record<string, unknown>, items: number[], forced?: Severity) => {
			seen.add(series);
			const previous = known[series];
			const current = sameRule ? firingSeverity(previous) : 'ok';
			const severity = forced ?? severityOf(measured, check.thresholds, current);
			const step = observe(previous, severity, value, now, check.timing);
			report(series, step, step.record as AlertRecord, measured, details, items);
		};

		if (check.source.kind === 'endpoint') {
			const observation = endpoints.get(check.name);
			if (observation) {
				const details = () => ({ up: observation.up, status: observation.status, latencyMs: observation.latencyMs, problem: observation.problem });
				judge(observation.series, observation.latencyMs, observation.latencyMs, details, [], observation.up ? undefined : 'critical');
			}
		} else {
			const measured = seriesValues(jsons, check.source, check.seriesOf, check.bySeries ? undefined : check.name, now);
			for (const { itemIndex, error } of measured.errors) errors.push({ check: check.name, itemIndex, error });
			for (const [series, { value, details, items }] of measured.values) {
				const previousValue = known[series]?.value;
				const change =
					previousValue === null || previousValue === undefined || previousValue === 0 ? 0 : ((value - previousValue) / Math.abs(previousValue)) * 100;
				const judged = byChange ? Math.round(change * 100) / 100 : value;
				judge(series, value, judged, () => (byChange ? { ...details, changePercent: judged } : details), items);
			}
			const unjudged = (series: string, reason: string, items: number[]) => {
				seen.add(series);
				// Known from now on where that matters, so that it going silent later can be noticed (No Data).
				keep(series, seenUnjudged(known[series], now, check.timing));
				if (includeOk)
					results.push({
						output: 'ok',
						items,
						json: { check: check.name, series, state: known[series]?.state ?? 'normal', severity: null, reason, message: reason },
					});
			};
			for (const [series, { reason, items }] of measured.skipped) unjudged(series, reason, items);
			for (const [series, { itemIndex, items }] of measured.blocked) {
				unjudged(series, `Not judged in this run: item ${itemIndex} of this series has an error.`, items.length > 0 ? items : [itemIndex]);
			}
		}

		for (const [series, previous] of Object.entries(known)) {
			if (seen.has(series)) continue;
			const step = absent(previous, now, check.timing);
			report(series, step, previous, previous.value, () => ({ lastSeen: new Date(previous.seenAt).toISOString() }), []);
		}
	}
	return { results, errors, memory: next };
}

const NOTICE_OUTPUT: Record<Exclude<Notice, null>, HealthOutput> = {
	firing: 'alert',
	escalated: 'alert',
	deescalated: 'alert',
	renotify: 'alert',
	nodata: 'alert',
	resolved: 'resolved',
};

function resultOf(
	check: CheckSpec,
	series: string,
	step: AlertStep,
	shown: AlertRecord,
	measured: number | null,
	details: Record<string, unknown>,
	items: number[],
	messages: { alert: Render; resolved: Render },
): HealthResult {
	const { notice, previousState, cause } = step;
	const record: AlertRecord = notice === 'resolved' ? { ...shown, state: 'normal', severity: 'ok' } : shown;
	const threshold = thresholdFor(check.thresholds, record.severity);
	const reason = cause && cause !== 'recovered' ? resolveReason(cause, record.seenAt) : reasonOf(check, record, measured, threshold, notice, details);
	const json = {
		check: check.name,
		series,
		state: record.state,
		previousState,
		severity: record.severity,
		value: record.value,
		threshold,
		condition: check.thresholds.condition,
		since: new Date(record.since).toISOString(),
		notice,
		...(cause ? { resolvedBecause: cause } : {}),
		...details,
		reason,
	};
	if (notice === null) return { output: 'ok', items, json: { ...json, message: reason } };
	const values = {
		check: check.name,
		series,
		severity: record.severity.toUpperCase(),
		state: record.state,
		value: measured === null ? 'n/a' : `${formatDecimal(measured)}${check.unit}`,
		threshold: threshold === null ? 'n/a' : `${formatDecimal(threshold)}${check.unit}`,
		since: json.since,
		reason,
	};
	const render = notice === 'resolved' ? messages.resolved : messages.alert;
	return { output: NOTICE_OUTPUT[notice], items, json: { ...json, message: render(values) } };
}

/** The Resolved item of a check that was removed or renamed: only its saved record is left. */
function retiredResult(check: string, series: string, record: AlertRecord, step: AlertStep, render: Render): HealthResult {
	const reason = resolveReason('removed', record.seenAt);
	const value = record.value === null ? 'n/a' : formatDecimal(record.value);
	const since = new Date(record.since).toISOString();
	const json = {
		check,
		series,
		state: 'normal',
		previousState: step.previousState,
		severity: 'ok',
		value: record.value,
		threshold: null,
		since,
		notice: step.notice,
		resolvedBecause: 'removed',
		reason,
	};
	return {
		output: 'resolved',
		items: [],
		json: { ...json, message: render({ check, series, severity: 'OK', state: 'normal', value, threshold: 'n/a', since, reason }) },
	};
}

function resolveReason(cause: Exclude<ResolveCause, 'recovered'>, seenAt: number): string {
	const last = new Date(seenAt).toISOString();
	if (cause === 'removed') return 'The check was removed or renamed, so its alert is resolved.';
	if (cause === 'forgotten') return `No data since ${last} for too long: the series is forgotten and its alert resolved.`;
	return `No data since ${last}: the series stopped reporting, so its alert is resolved.`;
}

function reasonOf(
	check: CheckSpec,
	record: Pick<AlertRecord, 'state' | 'severity' | 'seenAt'>,
	measured: number | null,
	threshold: number | null,
	notice: Notice,
	details: Record<string, unknown>,
): string {
	const value = measured === null ? 'n/a' : `${formatDecimal(measured)}${check.unit}`;
	if (record.state === 'nodata') return `No data since ${new Date(record.seenAt).toISOString()}.`;
	if (typeof details.problem === 'string' && details.problem !== '') return `The endpoint is down: ${details.problem}.`;
	if (record.severity === 'ok') return `${check.label} is ${value}${notice === 'resolved' ? ', back to normal' : ''}.`;
	const pending = record.state === 'pending' ? ' (pending: not alerted yet)' : '';
	const { condition, low, high } = check.thresholds;
	if (condition === 'outsideRange') {
		const range = `${low === undefined ? '' : formatDecimal(low)}–${high === undefined ? '' : formatDecimal(high)}${check.unit}`;
		return `${check.label} is ${value}, outside the healthy range ${range}${pending}.`;
	}
	const reached = measured !== null && threshold !== null && (condition === 'below' ? measured <= threshold : Math.abs(measured) >= threshold);
	const words = { above: 'at or above', below: 'at or below', changeAbove: 'a change at or above' }[condition];
	const limit = threshold === null ? '' : ` ${formatDecimal(threshold)}${check.unit}`;
	if (!reached && threshold !== null) {
		// Held by hysteresis: the value has not yet recovered past the recovery line.
		return `${check.label} is ${value}, not yet recovered from the ${record.severity} threshold${limit}${pending}.`;
	}
	return `${check.label} is ${value}, ${words} the ${record.severity} threshold${limit}${pending}.`;
}
