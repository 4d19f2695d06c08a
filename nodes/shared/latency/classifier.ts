import { InvalidItemValueError, InvalidSettingError } from '../errors';
import type { CompiledSchedule } from '../schedule/batchSchedule';
import { settingFieldReader, topLevelKey } from '../values/fieldPath';
import { describeValue } from '../values/describe';
import { formatInstant, parseInstant } from '../values/instant';
import { formatDecimal } from '../values/format';
import { isAbsent } from '../values/absent';
import { parseDecimal, STRICT_NUMBERS, type ParseOptions } from '../values/number';
import { compileComparison, type ComparisonOptions, OPERATOR_WORDS, OPERATORS_WITHOUT_VALUE, type ComparisonOperator } from './comparison';
import { describeCost, routeFor, ROUTE_NAMES, type DelayCost, type Route } from './oneHourTest';
import { createPresetMatcher, type PresetId } from './presets';

/** A value fixed in the node's settings, or one an n8n expression gives per item (the slow path). */
export type ValueSource = { perItem: false; value: unknown } | { perItem: true };

export type RuleCondition = { kind: 'comparison'; field: string; operator: ComparisonOperator; value: ValueSource } | { kind: 'expression' };

export interface RuleSpec {
	name: string;
	delayCost: DelayCost;
	condition: RuleCondition;
}

/** A number setting: fixed, or (node version 2 on) an expression over the item, evaluated per item. */
export type NumberSetting = number | { perItem: true };

/** The number settings that may be expressions over the item, by parameter, with their display names. */
export const PER_ITEM_NUMBERS = { costThreshold: 'Real-Time From', costMultiplier: 'Multiply By', marginMinutes: 'Safety Margin (Minutes)' } as const;
export type PerItemNumber = keyof typeof PER_ITEM_NUMBERS;

export type ClassifierSettings = ModeSettings & {
	/** Node version 2 on: group separators only between groups of three digits ("1,2,3" is not a number). */
	strictNumbers?: boolean;
};

type ModeSettings =
	| {
			mode: 'rules';
			rules: RuleSpec[];
			presets: PresetId[];
			eventTypeField: string;
			noMatchRoute: Route;
			caseSensitive: boolean;
			/** Node version 2 on: a tie between ready-made rules of both routes goes Real-Time. */
			tiesGoRealTime?: boolean;
			/** Node version 2 on: event names read in their word forms, with the rules and names added in version 2. */
			version2Names?: boolean;
	  }
	| {
			mode: 'costOfDelay';
			cost: { kind: 'field'; field: string; multiplier: NumberSetting } | { kind: 'expression' };
			threshold: NumberSetting;
	  }
	| { mode: 'deadline'; deadlineField: string; marginMinutes: NumberSetting };

/** Values the node shell evaluates for the current item, only when a rule actually needs them. */
export interface PerItemValues {
	ruleValue(ruleIndex: number): unknown;
	ruleExpression(ruleIndex: number): unknown;
	costExpression(): unknown;
	numberSetting(name: PerItemNumber): unknown;
}

export type DecidedBy = 'rule' | 'readyMadeRule' | 'noMatch' | 'costOfDelay' | 'deadline';

export interface Decision {
	route: Route;
	decidedBy: DecidedBy;
	rule?: string;
	/** The ready-made Batch rule that matched as strongly as the Real-Time one and lost the tie. */
	alsoMatched?: string;
	reason: string;
	delayCost?: DelayCost;
	delayCostAmount?: number;
	dueAt?: string;
	nextBatchRun?: string;
}

/**
 * Returns the decision for one item. Decisions that do not depend on the item's own values (a
 * fixed rule, an event type seen before) are shared between items and frozen, so routing many
 * items allocates almost nothing.
 */
export type Classify = (json: unknown, perItem: PerItemValues) => Readonly<Decision>;

interface Clock {
	/** The moment of the execution being classified (the deadline mode compares with it). */
	now: number;
	readonly nextRun: number;
	readonly nextBatchRun: string;
	readonly zone: string;
}

export function createClassifier(settings: ClassifierSettings, schedule: CompiledSchedule, now: number): Classify {
	return compileClassifier(settings, schedule)(now);
}

/** A classifier for the moment an execution runs at. */
export type ClassifierAt = (now: number) => Classify;

/**
 * Compiles the settings once for many executions. The classifier built for one moment serves every
 * later moment up to (not including) its next batch run, the only thing in a decision that depends
 * on the clock, besides "now" itself; an earlier moment or one at or after that run builds anew.
 */
export function compileClassifier(settings: ClassifierSettings, schedule: CompiledSchedule): ClassifierAt {
	let built: { from: number; clock: Clock; classify: Classify } | undefined;
	return (now) => {
		if (built !== undefined && built.from <= now && now < built.clock.nextRun) {
			// Safe to move: an execution classifies all its items synchronously, before another can start.
			built.clock.now = now;
			return built.classify;
		}
		const nextRun = schedule.nextRunAfter(now);
		const clock: Clock = { now, nextRun, nextBatchRun: formatInstant(nextRun, schedule.zone), zone: schedule.zone };
		built = { from: now, clock, classify: buildClassifier(settings, clock) };
		return built.classify;
	};
}

function buildClassifier(settings: ClassifierSettings, clock: Clock): Classify {
	switch (settings.mode) {
		case 'rules':
			return createRulesDecider(settings, clock);
		case 'costOfDelay':
			return createCostDecider(settings, clock);
		case 'deadline':
			return createDeadlineDecider(settings, clock);
	}
}

/** A decision record; Batch decisions carry the time of the next batch run. */
function decision(clock: Clock, fields: Decision): Decision {
	return fields.route === 'batch' ? { ...fields, nextBatchRun: clock.nextBatchRun } : fields;
}

const EVENT_CACHE_LIMIT = 10_000;

function createRulesDecider(settings: Extract<ClassifierSettings, { mode: 'rules' }>, clock: Clock): Classify {
	const rules = settings.rules.map((rule, index) =>
		compileRule(rule, index, { caseSensitive: settings.caseSensitive, strictNumbers: settings.strictNumbers }, clock),
	);
	const matchPreset = createPresetMatcher(settings.presets, {
		tiesGoRealTime: settings.tiesGoRealTime === true,
		version2Names: settings.version2Names === true,
	});
	const readEventType = settings.presets.length > 0 ? settingFieldReader(settings.eventTypeField, 'Event Type Field') : undefined;
	const noMatch = (note: string) =>
		Object.freeze(
			decision(clock, {
				route: settings.noMatchRoute,
				decidedBy: 'noMatch',
				reason: `No rule matched, so the item goes to the ${ROUTE_NAMES[settings.noMatchRoute]} route set for unmatched items.${note}`,
			}),
		);
	const withoutEventType = noMatch(readEventType ? ` The item has no event type in "${settings.eventTypeField}".` : '');
	const byEventType = new Map<string, Readonly<Decision>>();
	const decideByEventType = (eventType: string): Readonly<Decision> => {
		const known = byEventType.get(eventType);
		if (known) return known;
		const match = matchPreset(eventType);
		const decided = match
			? Object.freeze(
					decision(clock, {
						route: routeFor(match.preset.delayCost),
						decidedBy: 'readyMadeRule',
						rule: match.preset.label,
						...(match.tiedWith ? { alsoMatched: match.tiedWith.preset.label } : {}),
						reason: match.tiedWith
							? `Event type "${eventType}" matches the ready-made rules "${match.preset.label}" ("${match.synonym}") and "${match.tiedWith.preset.label}" ("${match.tiedWith.synonym}") equally; a tie goes Real-Time, since a wrong Batch costs money or trust and a wrong Real-Time costs one execution: ${describeCost(match.preset.delayCost)}.`
							: `Event type "${eventType}" matches the ready-made rule "${match.preset.label}": ${describeCost(match.preset.delayCost)}.`,
						delayCost: match.preset.delayCost,
					}),
				)
			: noMatch(` Event type "${eventType}" matches no ready-made rule.`);
		if (byEventType.size < EVENT_CACHE_LIMIT) byEventType.set(eventType, decided);
		return decided;
	};
	return (json, perItem) => {
		for (let index = 0; index < rules.length; index++) {
			const decided = rules[index].match(json, perItem);
			if (decided !== undefined) return decided;
		}
		if (!readEventType) return withoutEventType;
		const eventType = readEventType(json);
		return typeof eventType === 'string' && eventType !== '' ? decideByEventType(eventType) : withoutEventType;
	};
}

interface CompiledRule {
	/** The rule's decision when it matches this item, or undefined when it does not. */
	match(json: unknown, perItem: PerItemValues): Readonly<Decision> | undefined;
}

function compileRule(rule: RuleSpec, index: number, comparing: ComparisonOptions, clock: Clock): CompiledRule {
	const name = rule.name.trim() || `Rule ${index + 1}`;
	const { condition, delayCost } = rule;
	const decide = (matched: string) =>
		decision(clock, {
			route: routeFor(delayCost),
			decidedBy: 'rule',
			rule: name,
			reason: `Rule "${name}" matched (${matched}): ${describeCost(delayCost)}.`,
			delayCost,
		});
	if (condition.kind === 'expression') {
		const decided = Object.freeze(decide('its condition is true'));
		return { match: (_json, perItem) => (expressionResult(perItem.ruleExpression(index), name) ? decided : undefined) };
	}
	const readField = settingFieldReader(condition.field, `Custom Rules › Rule "${name}" › Field`);
	const field = condition.field.trim();
	const words = OPERATOR_WORDS[condition.operator];
	const describe = (value: unknown) =>
		OPERATORS_WITHOUT_VALUE.includes(condition.operator) ? `${field} ${words}` : `${field} ${words} ${JSON.stringify(value)}`;
	const source = condition.value;
	if (!source.perItem) {
		const compiled = compileComparison(condition.operator, source.value, comparing);
		if (!compiled.ok) throw new InvalidSettingError(`Custom Rules › Rule "${name}"`, compiled.problem);
		const test = compiled.value;
		const decided = Object.freeze(decide(describe(source.value)));
		const key = topLevelKey(condition.field);
		if (key !== undefined) {
			// n8n item json is always an object; reading the key here saves a call per item and rule.
			return { match: (json) => (test((json as Record<string, unknown>)[key], field) ? decided : undefined) };
		}
		return { match: (json) => (test(readField(json), field) ? decided : undefined) };
	}
	return {
		match: (json, perItem) => {
			const value = perItem.ruleValue(index);
			const compiled = compileComparison(condition.operator, value, { ...comparing, valueName: `${name} › Value` });
			if (!compiled.ok) throw new InvalidItemValueError(`${name} › Value`, compiled.problem);
			return compiled.value(readField(json), field) ? decide(describe(value)) : undefined;
		},
	};
}

function expressionResult(value: unknown, ruleName: string): boolean {
	if (value === true || value === 'true') return true;
	if (value === false || value === 'false' || value === undefined || value === null || value === '') return false;
	throw new InvalidItemValueError(`${ruleName} › Condition`, `returned ${describeValue(value)}; the condition must return true or false`);
}

type CostSetting = Extract<ClassifierSettings, { mode: 'costOfDelay' }>['cost'];

function compileCostReader(cost: CostSetting, numbers: ParseOptions): (json: unknown, perItem: PerItemValues) => { amount: number; detail: string } {
	if (cost.kind === 'expression') {
		return (_json, perItem) => ({
			amount: requireNumber(perItem.costExpression(), 'Cost of a One-Hour Delay', numbers),
			detail: 'from the cost expression',
		});
	}
	const readField = settingFieldReader(cost.field, 'Amount Field');
	const field = cost.field.trim();
	const readMultiplier = numberSettingReader(cost.multiplier, 'costMultiplier', numbers);
	return (json, perItem) => {
		const value = requireNumber(readField(json), field, numbers);
		const multiplier = readMultiplier(perItem);
		const detail = multiplier === 1 ? field : `${field} ${formatDecimal(value)} × ${formatDecimal(multiplier)}`;
		const amount = value * multiplier;
		if (!Number.isFinite(amount)) {
			throw new InvalidItemValueError(field, `is ${describeValue(value)}; times ${formatDecimal(multiplier)} that is too large to be a cost`);
		}
		// Rounded to a millionth so that 499 × 0.1 is 49.9, not 49.900000000000006.
		return { amount: Math.abs(amount) < 1e15 ? Math.round(amount * 1e6) / 1e6 : amount, detail };
	};
}

function createCostDecider(settings: Extract<ClassifierSettings, { mode: 'costOfDelay' }>, clock: Clock): Classify {
	const numbers: ParseOptions = settings.strictNumbers ? STRICT_NUMBERS : {};
	const readCost = compileCostReader(settings.cost, numbers);
	const readThreshold = numberSettingReader(settings.threshold, 'costThreshold', numbers);
	return (json, perItem) => {
		const { amount, detail } = readCost(json, perItem);
		const threshold = readThreshold(perItem);
		const urgent = amount >= threshold;
		const comparison = urgent ? 'at or above' : 'below';
		return decision(clock, {
			route: urgent ? 'realTime' : 'batch',
			decidedBy: 'costOfDelay',
			reason: `A one-hour delay costs ${formatDecimal(amount)} (${detail}), ${comparison} the real-time threshold of ${formatDecimal(threshold)}.`,
			delayCost: urgent ? 'money' : 'nothing',
			delayCostAmount: amount,
		});
	};
}

/** A fixed number as it is; an expression's result per item, which must be a number of 0 or more. */
function numberSettingReader(setting: NumberSetting, name: PerItemNumber, numbers: ParseOptions): (perItem: PerItemValues) => number {
	if (typeof setting === 'number') return () => setting;
	const label = PER_ITEM_NUMBERS[name];
	return (perItem) => {
		const value = perItem.numberSetting(name);
		if (isAbsent(value, numbers.blankIsMissing)) throw new InvalidItemValueError(label, 'is missing; its expression gave no value for this item');
		const number = parseDecimal(value, '.', numbers);
		if (!Number.isFinite(number)) throw new InvalidItemValueError(label, `is ${describeValue(value)}, which is not a number`);
		if (number < 0) throw new InvalidItemValueError(label, `is ${formatDecimal(number)}; it cannot be negative`);
		return number;
	};
}

function requireNumber(value: unknown, field: string, numbers: ParseOptions): number {
	if (isAbsent(value, numbers.blankIsMissing)) {
		throw new InvalidItemValueError(field, 'is missing; it must hold the cost of a one-hour delay as a number');
	}
	const number = parseDecimal(value, '.', numbers);
	if (!Number.isFinite(number)) throw new InvalidItemValueError(field, `is ${describeValue(value)}, which is not a number`);
	if (number < 0) throw new InvalidItemValueError(field, `is ${number}; a cost cannot be negative`);
	return number;
}

function createDeadlineDecider(settings: Extract<ClassifierSettings, { mode: 'deadline' }>, clock: Clock): Classify {
	const readDeadline = settingFieldReader(settings.deadlineField, 'Due Date Field');
	const field = settings.deadlineField.trim();
	const readMargin = numberSettingReader(settings.marginMinutes, 'marginMinutes', settings.strictNumbers ? STRICT_NUMBERS : {});
	const run = `the next batch run at ${clock.nextBatchRun}`;
	return (json, perItem) => {
		const raw = readDeadline(json);
		if (isAbsent(raw, settings.strictNumbers)) {
			throw new InvalidItemValueError(field, 'is missing; it must hold when the item is due');
		}
		const due = parseInstant(raw, clock.zone);
		// A timestamp too far out to be written as a date (1e20) is no date either.
		const dueAt = Number.isNaN(due) ? '' : formatInstant(due, clock.zone);
		if (dueAt === '') {
			throw new InvalidItemValueError(field, `is ${describeValue(raw)}, which is not a date; use ISO 8601 such as 2026-11-27T18:00:00Z or a Unix timestamp`);
		}
		if (due <= clock.now) {
			return {
				route: 'realTime',
				decidedBy: 'deadline',
				reason: `Due ${dueAt}, which has already passed.`,
				dueAt,
			};
		}
		const marginMinutes = readMargin(perItem);
		const marginMs = marginMinutes * 60_000;
		const margin = `the ${formatDecimal(marginMinutes)}-minute safety margin`;
		const whyNow = due < clock.nextRun ? `before ${run}` : `within ${margin} after ${run}`;
		const whyLater = marginMs > 0 ? `after ${run} and ${margin}` : `not before ${run}`;
		const urgent = due < clock.nextRun + marginMs;
		return decision(clock, {
			route: urgent ? 'realTime' : 'batch',
			decidedBy: 'deadline',
			reason: `Due ${dueAt}, ${urgent ? whyNow : whyLater}.`,
			dueAt,
		});
	};
}
