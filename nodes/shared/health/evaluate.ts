import type { Severity } from '../alerting/alertState';
import type { InvalidItemValueError } from '../errors';
import { formatDecimal } from '../values/format';
import type { Render } from '../values/template';
import { seriesValues, type SeriesSource } from './series';
import { initialMemory, missing, observe, type Notice, type SeriesMemory, type SeriesStep, type Timing } from './seriesState';
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
	thresholds: Thresholds;
	timing: Timing;
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

/** A healthy series not seen for a week is forgotten, so the saved state stays bounded. */
const FORGET_HEALTHY_AFTER_MS = 7 * 24 * 3_600_000;

/** Saved state: per check name, per series. */
export type HealthMemory = Record<string, Record<string, SeriesMemory>>;

/**
 * Evaluates every check and steps the state of each series (`memory` is changed in place).
 * Series needing no notification are described only when `includeOk` asks for them.
 */
export function evaluateChecks(
	checks: readonly CheckSpec[],
	jsons: readonly unknown[],
	endpoints: ReadonlyMap<string, EndpointObservation>,
	memory: HealthMemory,
	now: number,
	messages: { alert: Render; resolved: Render },
	includeOk: boolean,
): HealthEvaluation {
	const results: HealthResult[] = [];
	const errors: HealthEvaluation['errors'] = [];
	const report = (check: CheckSpec, series: string, step: SeriesStep, measured: number | null, details: () => Record<string, unknown>, items: number[]) => {
		if (step.notice !== null || includeOk) results.push(resultOf(check, series, step, measured, details(), items, messages));
	};
	for (const name of Object.keys(memory)) {
		if (!checks.some((check) => check.name === name)) delete memory[name];
	}
	for (const check of checks) {
		const known = (memory[check.name] ??= {});
		const seen = new Set<string>();
		const judge = (series: string, value: number, measured: number, details: () => Record<string, unknown>, items: number[], forced?: Severity) => {
			seen.add(series);
			const previous = known[series] ?? initialMemory(now);
			const current = previous.state === 'firing' || previous.state === 'pending' ? previous.severity : 'ok';
			const severity = forced ?? severityOf(measured, check.thresholds, current);
			const step = observe(previous, severity, value, now, check.timing);
			known[series] = step.memory;
			report(check, series, step, measured, details, items);
		};

		if (check.source.kind === 'endpoint') {
			const observation = endpoints.get(check.name);
			if (observation) {
				const details = () => ({ up: observation.up, status: observation.status, latencyMs: observation.latencyMs, problem: observation.problem });
				judge(observation.series, observation.latencyMs, observation.latencyMs, details, [], observation.up ? undefined : 'critical');
			}
		} else {
			const measured = seriesValues(jsons, check.source, check.seriesOf, check.name, now);
			for (const { itemIndex, error } of measured.errors) errors.push({ check: check.name, itemIndex, error });
			const byChange = check.thresholds.condition === 'changeAbove';
			for (const [series, { value, details, items }] of measured.values) {
				const previousValue = known[series]?.value;
				const change = previousValue === null || previousValue === undefined || previousValue === 0 ? 0 : ((value - previousValue) / Math.abs(previousValue)) * 100;
				const judged = byChange ? Math.round(change * 100) / 100 : value;
				judge(series, value, judged, () => (byChange ? { ...details, changePercent: judged } : details), items);
			}
			for (const [series, { reason, items }] of measured.skipped) {
				seen.add(series);
				if (includeOk) results.push({ output: 'ok', items, json: { check: check.name, series, state: known[series]?.state ?? 'normal', severity: null, reason, message: reason } });
			}
		}

		for (const [series, previous] of Object.entries(known)) {
			if (seen.has(series)) continue;
			const step = missing(previous, now, check.timing);
			if (step) {
				known[series] = step.memory;
				report(check, series, step, previous.value, () => ({ lastSeen: new Date(previous.seenAt).toISOString() }), []);
			} else if (previous.state === 'normal' && now - previous.seenAt > FORGET_HEALTHY_AFTER_MS) {
				delete known[series];
			}
		}
	}
	return { results, errors };
}

const NOTICE_OUTPUT: Record<Exclude<Notice, null>, HealthOutput> = {
	firing: 'alert',
	escalated: 'alert',
	renotify: 'alert',
	nodata: 'alert',
	resolved: 'resolved',
};

function resultOf(
	check: CheckSpec,
	series: string,
	step: SeriesStep,
	measured: number | null,
	details: Record<string, unknown>,
	items: number[],
	messages: { alert: Render; resolved: Render },
): HealthResult {
	const { memory, notice, previousState } = step;
	const threshold = thresholdFor(check.thresholds, memory.severity);
	const reason = reasonOf(check, memory, measured, threshold, notice, details);
	const json = {
		check: check.name,
		series,
		state: memory.state,
		previousState,
		severity: memory.severity,
		value: memory.value,
		threshold,
		condition: check.thresholds.condition,
		since: new Date(memory.since).toISOString(),
		notice,
		...details,
		reason,
	};
	if (notice === null) return { output: 'ok', items, json: { ...json, message: reason } };
	const values = {
		check: check.name,
		series,
		severity: memory.severity.toUpperCase(),
		state: memory.state,
		value: measured === null ? 'n/a' : `${formatDecimal(measured)}${check.unit}`,
		threshold: threshold === null ? 'n/a' : `${formatDecimal(threshold)}${check.unit}`,
		since: json.since,
		reason,
	};
	const render = notice === 'resolved' ? messages.resolved : messages.alert;
	return { output: NOTICE_OUTPUT[notice], items, json: { ...json, message: render(values) } };
}

function reasonOf(
	check: CheckSpec,
	memory: SeriesMemory,
	measured: number | null,
	threshold: number | null,
	notice: Notice,
	details: Record<string, unknown>,
): string {
	const value = measured === null ? 'n/a' : `${formatDecimal(measured)}${check.unit}`;
	if (memory.state === 'nodata') return `No data since ${new Date(memory.seenAt).toISOString()}.`;
	if (typeof details.problem === 'string' && details.problem !== '') return `The endpoint is down: ${details.problem}.`;
	if (memory.severity === 'ok') return `${check.label} is ${value}${notice === 'resolved' ? ', back to normal' : ''}.`;
	const pending = memory.state === 'pending' ? ' (pending: not alerted yet)' : '';
	const { condition, low, high } = check.thresholds;
	if (condition === 'outsideRange') {
		const range = `${low === undefined ? '' : formatDecimal(low)}–${high === undefined ? '' : formatDecimal(high)}${check.unit}`;
		return `${check.label} is ${value}, outside the healthy range ${range}${pending}.`;
	}
	const words = { above: 'at or above', below: 'at or below', changeAbove: 'a change at or above' }[condition];
	const limit = threshold === null ? '' : ` ${formatDecimal(threshold)}${check.unit}`;
	return `${check.label} is ${value}, ${words} the ${memory.severity} threshold${limit}${pending}.`;
}
