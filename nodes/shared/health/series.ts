import { DateTime } from 'luxon';

import { InvalidItemValueError } from '../errors';
import { describeValue } from '../values/describe';
import type { FieldReader } from '../values/fieldPath';
import { isAbsent } from '../values/absent';
import { parseDecimal, round, type ParseOptions } from '../values/number';

const round2 = (value: number) => round(value, 2);

/**
 * Turns one check's input items into one value per series (per campaign, service, region...).
 * The presets are formulas over the same items: pacing, failure rate, volume against expected.
 */
export type Aggregation = 'last' | 'sum' | 'average' | 'min' | 'max' | 'count';

/** `numbers`: how amounts in text are read; without it, as version 1 of the Health Monitor did. */
export type SeriesSource =
	| { kind: 'metric'; read: FieldReader; field: string; aggregation: Aggregation; numbers?: ParseOptions }
	| { kind: 'budgetPacing'; spend: FieldReader; spendField: string; budget: FieldReader; budgetField: string; zone: string; numbers?: ParseOptions }
	| { kind: 'paymentFailures'; status: FieldReader; statusField: string; failed: Set<string>; minTotal: number }
	| { kind: 'leadVolume'; expected: number };

export interface SeriesValue {
	/** The value judged: the metric, pacing %, failure rate % or % of expected volume. */
	value: number;
	/** What went into it, for the output item. */
	details: Record<string, number>;
	items: number[];
}

export interface SeriesResult {
	values: Map<string, SeriesValue>;
	/** Series with too few events to judge (payment failure rate below its minimum). */
	skipped: Map<string, { reason: string; items: number[] }>;
	errors: Array<{ itemIndex: number; error: InvalidItemValueError }>;
	/** Series with a bad item: not judged on their other items, their state left as it was. */
	blocked: Map<string, { itemIndex: number; items: number[] }>;
}

interface Accumulator {
	items: number[];
	sum: number;
	count: number;
	min: number;
	max: number;
	last: number;
	second: number;
}

const ONE_HOUR_SHARE = 1 / 24;

export function seriesValues(
	jsons: readonly unknown[],
	source: SeriesSource,
	seriesOf: (json: unknown) => string,
	/** The one series of a check without a series field; undefined when series come from a field. */
	singleSeries: string | undefined,
	now: number,
): SeriesResult {
	const accumulators = new Map<string, Accumulator>();
	const errors: SeriesResult['errors'] = [];
	const blocked: SeriesResult['blocked'] = new Map();
	for (let itemIndex = 0; itemIndex < jsons.length; itemIndex++) {
		const json = jsons[itemIndex];
		// The empty item n8n sends when the node before has "Always Output Data" on is no data: not a
		// lead, not a payment, not a series of its own.
		if (isEmptyObject(json)) continue;
		const measured = measure(json, source);
		if (measured instanceof InvalidItemValueError) {
			errors.push({ itemIndex, error: measured });
			const series = seriesOf(json);
			if (!blocked.has(series)) blocked.set(series, { itemIndex, items: [] });
			continue;
		}
		{
			const [first, second] = measured;
			const series = seriesOf(json);
			let accumulator = accumulators.get(series);
			if (!accumulator) {
				accumulator = { items: [], sum: 0, count: 0, min: Infinity, max: -Infinity, last: 0, second: 0 };
				accumulators.set(series, accumulator);
			}
			accumulator.items.push(itemIndex);
			accumulator.sum += first;
			accumulator.second += second;
			accumulator.count += 1;
			accumulator.min = Math.min(accumulator.min, first);
			accumulator.max = Math.max(accumulator.max, first);
			accumulator.last = first;
		}
	}
	// A single-series volume check with no items has measured a count of zero, not "no data"; per
	// series, a source without leads is simply absent (there is no name to report it under).
	if (source.kind === 'leadVolume' && singleSeries !== undefined && accumulators.size === 0 && errors.length === 0) {
		accumulators.set(singleSeries, { items: [], sum: 0, count: 0, min: 0, max: 0, last: 0, second: 0 });
	}
	const values = new Map<string, SeriesValue>();
	const skipped: SeriesResult['skipped'] = new Map();
	for (const [series, accumulator] of accumulators) {
		const bad = blocked.get(series);
		if (bad) {
			bad.items = accumulator.items;
			continue;
		}
		const judged = finish(accumulator, source, now);
		if ('reason' in judged) skipped.set(series, { reason: judged.reason, items: accumulator.items });
		else values.set(series, { ...judged, items: accumulator.items });
	}
	return { values, skipped, errors, blocked };
}

/** Two numbers per item: the measured one and, for ratios, the second term; or what is wrong. */
function measure(json: unknown, source: SeriesSource): [number, number] | InvalidItemValueError {
	switch (source.kind) {
		case 'metric': {
			if (source.aggregation === 'count') return [1, 0];
			const value = numberAt(source.read(json), source.field, source.numbers);
			return value instanceof InvalidItemValueError ? value : [value, 0];
		}
		case 'budgetPacing': {
			const spend = numberAt(source.spend(json), source.spendField, source.numbers);
			if (spend instanceof InvalidItemValueError) return spend;
			const budget = numberAt(source.budget(json), source.budgetField, source.numbers);
			return budget instanceof InvalidItemValueError ? budget : [spend, budget];
		}
		case 'paymentFailures': {
			const status = source.status(json);
			if (status === undefined || status === null || status === '') {
				return new InvalidItemValueError(source.statusField, 'is missing; every payment needs its status');
			}
			return [source.failed.has(String(status).trim().toLowerCase()) ? 1 : 0, 1];
		}
		case 'leadVolume':
			return [1, 0];
	}
}

function finish(accumulator: Accumulator, source: SeriesSource, now: number): Omit<SeriesValue, 'items'> | { reason: string } {
	switch (source.kind) {
		case 'metric': {
			const value = aggregate(accumulator, source.aggregation);
			return { value, details: { items: accumulator.count } };
		}
		case 'budgetPacing': {
			const spend = accumulator.sum;
			const budget = accumulator.second;
			if (budget <= 0) return { reason: `Budget is ${budget}: pacing needs a budget above 0.` };
			const dayShare = Math.max(elapsedShareOfDay(now, source.zone), ONE_HOUR_SHARE);
			return {
				value: round2((spend / (budget * dayShare)) * 100),
				details: { spend: round2(spend), budget: round2(budget), dayElapsedPercent: round2(dayShare * 100), budgetUsedPercent: round2((spend / budget) * 100) },
			};
		}
		case 'paymentFailures': {
			const total = accumulator.second;
			const failed = accumulator.sum;
			if (total < source.minTotal) {
				return { reason: `${total} payments: below the minimum of ${source.minTotal} needed to judge the failure rate.` };
			}
			return { value: round2((failed / total) * 100), details: { failed, total } };
		}
		case 'leadVolume':
			return {
				value: round2((accumulator.count / source.expected) * 100),
				details: { count: accumulator.count, expected: source.expected },
			};
	}
}

function aggregate(accumulator: Accumulator, aggregation: Aggregation): number {
	switch (aggregation) {
		case 'sum':
			return accumulator.sum;
		case 'average':
			return accumulator.sum / accumulator.count;
		case 'min':
			return accumulator.min;
		case 'max':
			return accumulator.max;
		case 'count':
			return accumulator.count;
		default:
			return accumulator.last;
	}
}

/** Share of the calendar day gone by at `now` in `zone` (0 at midnight, 0.5 at noon). */
export function elapsedShareOfDay(now: number, zone: string): number {
	const local = DateTime.fromMillis(now, { zone });
	const start = local.startOf('day');
	const end = start.plus({ days: 1 });
	return (now - start.toMillis()) / (end.toMillis() - start.toMillis());
}

function numberAt(value: unknown, field: string, numbers: ParseOptions = {}): number | InvalidItemValueError {
	if (isAbsent(value, numbers.blankIsMissing)) {
		return new InvalidItemValueError(field, 'is missing; the check needs a number here');
	}
	const number = parseDecimal(value, '.', numbers);
	return Number.isFinite(number) ? number : new InvalidItemValueError(field, `is ${describeValue(value)}, which is not a number`);
}

function isEmptyObject(value: unknown): boolean {
	return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}
