import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ComparisonOperator } from '../shared/latency/comparison';
import type { DelayCost, Route } from '../shared/latency/oneHourTest';
import type { PresetId } from '../shared/latency/presets';
import type { BatchSchedule } from '../shared/schedule/batchSchedule';
import { parameterCache } from '../shared/values/compiledPerParameters';
import {
	PER_ITEM_NUMBERS,
	type ClassifierAt,
	type ClassifierSettings,
	type NumberSetting,
	type PerItemNumber,
	type RuleSpec,
	type ValueSource,
} from '../shared/latency/classifier';
import type { RequiredFieldsCheck } from '../shared/latency/requiredFields';
import { DEFAULT_DECISION_FIELD } from './description/options';

export interface NodeSettings {
	classifier: ClassifierSettings;
	schedule: BatchSchedule;
	timezone: string;
	/** Field that receives the decision record, or undefined to leave items untouched. */
	decisionField: string | undefined;
	/** Comma-separated field paths every item must carry (the Required Fields option). */
	requiredFields: string;
}

/**
 * Expressions readSettings leaves unresolved, to be read per item when needed: a rule's value or
 * condition, the cost expression and, from version 2 on, the number settings.
 */
const READ_PER_ITEM = /^(rules\.rule\[\d+\]\.(value|condition)|costExpression)$/;

/** What an execution compiles from the parameters, kept for the next one with the same parameters. */
export const COMPILED = parameterCache<{ decisionField: string | undefined; checkRequiredFields: RequiredFieldsCheck | undefined; classifierAt: ClassifierAt }>(
	(path, typeVersion) => READ_PER_ITEM.test(path) || (typeVersion >= 2 && Object.prototype.hasOwnProperty.call(PER_ITEM_NUMBERS, path)),
);

interface RawRule {
	name?: string;
	conditionType?: 'field' | 'expression';
	field?: string;
	operator?: ComparisonOperator;
	value?: unknown;
	delayCost?: DelayCost;
}

/**
 * Reads the node's parameters once per execution. Rule values written as expressions stay
 * unresolved here and are evaluated per item, only when a rule is reached (the slow path); from
 * version 2 on, so do number settings written as expressions.
 */
export function readSettings(context: IExecuteFunctions, typeVersion: number): NodeSettings {
	const mode = context.getNodeParameter('mode', 0) as ClassifierSettings['mode'];
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const includeDecision = options.includeDecision !== false;
	const timezone = ((context.getNodeParameter('timezone', 0, '') as string) || context.getTimezone()).trim();
	return {
		classifier: { ...readClassifierSettings(context, mode, options, typeVersion), strictNumbers: typeVersion >= 2 },
		schedule: readSchedule(context),
		timezone,
		decisionField: includeDecision ? String(options.decisionField ?? '').trim() || DEFAULT_DECISION_FIELD : undefined,
		requiredFields: (options.requiredFields as string | undefined) ?? '',
	};
}

function readClassifierSettings(context: IExecuteFunctions, mode: ClassifierSettings['mode'], options: IDataObject, typeVersion: number): ClassifierSettings {
	// Version 1 read every number at item 0 and applied it to all items.
	const number = (name: PerItemNumber, fallback?: number): NumberSetting => {
		if (typeVersion >= 2 && isExpression(context.getNodeParameter(name, 0, fallback, { rawExpressions: true }))) return { perItem: true };
		return context.getNodeParameter(name, 0, fallback) as number;
	};
	switch (mode) {
		case 'costOfDelay': {
			const source = context.getNodeParameter('costSource', 0) as 'field' | 'expression';
			return {
				mode,
				cost:
					source === 'field'
						? {
								kind: 'field',
								field: context.getNodeParameter('costField', 0) as string,
								multiplier: number('costMultiplier'),
							}
						: { kind: 'expression' },
				threshold: number('costThreshold'),
			};
		}
		case 'deadline':
			return {
				mode,
				deadlineField: context.getNodeParameter('deadlineField', 0) as string,
				marginMinutes: number('marginMinutes', 0),
			};
		default: {
			const rawRules = context.getNodeParameter('rules.rule', 0, [], { rawExpressions: true }) as RawRule[];
			return {
				mode: 'rules',
				rules: rawRules.map(toRuleSpec),
				presets: context.getNodeParameter('readyMadeRules', 0, []) as PresetId[],
				eventTypeField: context.getNodeParameter('eventTypeField', 0, '') as string,
				noMatchRoute: context.getNodeParameter('noMatchRoute', 0, 'batch') as Route,
				caseSensitive: options.caseSensitive === true,
				tiesGoRealTime: typeVersion >= 2,
				version2Names: typeVersion >= 2,
			};
		}
	}
}

function toRuleSpec(raw: RawRule): RuleSpec {
	const base = { name: raw.name ?? '', delayCost: raw.delayCost ?? 'money' };
	if (raw.conditionType === 'expression') return { ...base, condition: { kind: 'expression' } };
	return {
		...base,
		condition: {
			kind: 'comparison',
			field: raw.field ?? '',
			operator: raw.operator ?? 'equals',
			value: valueSource(raw.value),
		},
	};
}

function isExpression(value: unknown): boolean {
	return typeof value === 'string' && value.startsWith('=');
}

function valueSource(value: unknown): ValueSource {
	if (isExpression(value)) return { perItem: true };
	return { perItem: false, value: value ?? '' };
}

function readSchedule(context: IExecuteFunctions): BatchSchedule {
	const kind = context.getNodeParameter('scheduleKind', 0, 'daily') as BatchSchedule['kind'];
	switch (kind) {
		case 'interval':
			return {
				kind,
				every: context.getNodeParameter('runEvery', 0) as number,
				unit: context.getNodeParameter('runEveryUnit', 0) as 'minutes' | 'hours',
			};
		case 'cron':
			return { kind, expression: context.getNodeParameter('cronExpression', 0) as string };
		default:
			return { kind: 'daily', time: context.getNodeParameter('runAt', 0) as string };
	}
}
