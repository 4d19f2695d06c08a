import type { IExecuteFunctions } from 'n8n-workflow';

import { InvalidSettingError } from '../shared/errors';
import type { AuditSettings } from '../shared/audit/instance';
import { DEFAULT_BATCH_HOUR, DEFAULT_MIN_EXECUTIONS, DEFAULT_REAL_TIME_WITHIN_MINUTES, DEFAULT_WINDOW_DAYS } from './description';

export type AuditOutput = 'workflows' | 'workflowsAndSummary' | 'summary';

interface RawOptions {
	batchHour?: number;
	minExecutions?: number;
	realTimeWithinMinutes?: number;
	skipTags?: string;
	skipWorkflows?: string;
}

const list = (text: string | undefined) =>
	String(text ?? '')
		.split(',')
		.map((each) => each.trim())
		.filter((each) => each !== '');

function numberSetting(value: unknown, parameter: string, min: number, max: number, whole: boolean): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number)) throw new InvalidSettingError(parameter, `is ${JSON.stringify(value)}, which is not a number`);
	if (number < min || number > max) throw new InvalidSettingError(parameter, `is ${number}; give a number from ${min} to ${max}`);
	if (whole && !Number.isInteger(number)) throw new InvalidSettingError(parameter, `is ${number}; give a whole number`);
	return number;
}

/** Reads the parameters once per execution; anything unusable names the parameter. */
export function readAuditSettings(context: IExecuteFunctions): { settings: AuditSettings; output: AuditOutput } {
	const options = context.getNodeParameter('options', 0, {}) as RawOptions;
	const settings: AuditSettings = {
		activeOnly: context.getNodeParameter('workflows', 0, 'active') === 'active',
		windowDays: numberSetting(context.getNodeParameter('windowDays', 0, DEFAULT_WINDOW_DAYS), 'Window (Days)', 1, 90, false),
		batchHour: numberSetting(options.batchHour ?? DEFAULT_BATCH_HOUR, 'Options › Batch Run Hour', 0, 23, true),
		minExecutions: numberSetting(options.minExecutions ?? DEFAULT_MIN_EXECUTIONS, 'Options › Minimum Executions', 0, Number.MAX_SAFE_INTEGER, true),
		realTimeWithinMs:
			numberSetting(options.realTimeWithinMinutes ?? DEFAULT_REAL_TIME_WITHIN_MINUTES, 'Options › Real-Time Within (Minutes)', 0, 7 * 24 * 60, false) * 60_000,
		skipTags: list(options.skipTags),
		skipWorkflows: list(options.skipWorkflows),
	};
	return { settings, output: context.getNodeParameter('output', 0, 'workflows') as AuditOutput };
}
