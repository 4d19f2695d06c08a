import type { IDataObject, IExecuteFunctions, INodePropertyCollection } from 'n8n-workflow';

import type { AlertTiming } from '../shared/alerting/alertMachine';
import { DEFAULT_RECOVERY_MARGIN_PERCENT } from '../shared/alerting/hysteresis';
import { InvalidSettingError } from '../shared/errors';
import type { CheckSpec } from '../shared/health/evaluate';
import { HEALTH_PLACEHOLDERS } from '../shared/health/evaluate';
import { validateThresholds, type Thresholds } from '../shared/health/thresholds';
import { describeValue } from '../shared/values/describe';
import { settingFieldReader } from '../shared/values/fieldPath';
import { STRICT_NUMBERS, type ParseOptions } from '../shared/values/number';
import { settingTemplate, type Render } from '../shared/values/template';
import { readMessageEscape } from '../common/messageFormat';
import { CHECK_TYPES, isCheckType } from './checkTypes';
import type { RawCheck } from './checkTypes/checkType';
import type { EndpointSpec } from './checkTypes/endpoint';
import { checksProperty } from './description/checks';

export interface HealthSettings {
	checks: CheckSpec[];
	endpoints: EndpointSpec[];
	messages: { alert: Render; resolved: Render };
	emitOk: boolean;
}

const MINUTE_MS = 60_000;

/** Display names of a check's fields, for errors that name them as the operator sees them. */
const CHECK_FIELD_NAMES = new Map(
	(checksProperty.options as INodePropertyCollection[]).flatMap((collection) => collection.values.map((field) => [field.name, field.displayName] as const)),
);
/** A series not seen for a week is forgotten (a No Data alert resolves then), so state stays bounded. */
const FORGET_AFTER_MS = 7 * 24 * 60 * MINUTE_MS;

/**
 * Reads the checks once per execution; a contradiction names the check and the field. Version 2 on,
 * a number with misplaced group separators ("1,2,3") is an error instead of 123.
 */
export function readHealthSettings(context: IExecuteFunctions, typeVersion: number): HealthSettings {
	const numbers: ParseOptions = typeVersion >= 2 ? STRICT_NUMBERS : {};
	const version2 = typeVersion >= 2;
	const rawChecks = (context.getNodeParameter('checks.check', 0, []) as RawCheck[]) ?? [];
	const names = new Set<string>();
	const checks: CheckSpec[] = [];
	const endpoints: EndpointSpec[] = [];
	rawChecks.forEach((raw, index) => {
		const name = (raw.name ?? '').trim() || `Check ${index + 1}`;
		if (names.has(name)) throw new InvalidSettingError(`Checks › ${name}`, 'two checks have this name; each needs its own, since its state is saved under it');
		names.add(name);
		const options = raw.options ?? {};
		const spec = readCheck(raw, name, options, context.getTimezone(), numbers, version2);
		checks.push(spec);
		const request = isCheckType(raw.checkType) ? CHECK_TYPES[raw.checkType].request : undefined;
		if (request) endpoints.push(request(raw, name));
	});
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const escape = readMessageEscape(context);
	return {
		checks,
		endpoints,
		messages: {
			alert: settingTemplate(context.getNodeParameter('alertMessage', 0) as string, HEALTH_PLACEHOLDERS, 'Alert Message', { escape, tidy: version2 }),
			resolved: settingTemplate(context.getNodeParameter('resolvedMessage', 0) as string, HEALTH_PLACEHOLDERS, 'Resolved Message', { escape, tidy: version2 }),
		},
		emitOk: options.emitOk === true,
	};
}

function readCheck(raw: RawCheck, name: string, options: IDataObject, workflowZone: string, numbers: ParseOptions, version2: boolean): CheckSpec {
	const parameter = (field: string) => `Checks › ${name} › ${field}`;
	// Version 1 took a threshold that is not a number (an expression giving text) as no threshold.
	const number = (key: string) => {
		const value = raw[key];
		if (typeof value === 'number') return value;
		if (version2 && value !== undefined && value !== null && value !== '') {
			throw new InvalidSettingError(parameter(CHECK_FIELD_NAMES.get(key) ?? key), `${describeValue(value)} is not a number`);
		}
		return undefined;
	};
	const margin = ((options.recoveryMarginPercent as number | undefined) ?? DEFAULT_RECOVERY_MARGIN_PERCENT) / 100;
	const timing: AlertTiming = {
		pendingMs: ((options.pendingMinutes as number | undefined) ?? 0) * MINUTE_MS,
		pendingEvaluations: Math.max(1, (options.pendingRuns as number | undefined) ?? 1),
		renotifyMs: ((options.renotifyMinutes as number | undefined) ?? 0) * MINUTE_MS,
		minIntervalMs: ((options.minIntervalMinutes as number | undefined) ?? 0) * MINUTE_MS,
		missingMs: ((options.missingMinutes as number | undefined) ?? 60) * MINUTE_MS,
		noData: options.alertOnNoData === true,
		forgetMs: FORGET_AFTER_MS,
	};
	const seriesField = String(raw.seriesField ?? '').trim();
	const seriesRead = seriesField === '' ? undefined : settingFieldReader(seriesField, parameter('Series Field'));
	const seriesOf = seriesRead
		? (json: unknown) => {
				const value = seriesRead(json);
				return value === undefined || value === null || value === '' ? '(empty)' : String(value);
			}
		: () => name;
	const thresholds = (values: Omit<Thresholds, 'margin'>) => {
		const checked = validateThresholds({ ...values, margin });
		if (!checked.ok) throw new InvalidSettingError(parameter('Thresholds'), checked.problem);
		return checked.value;
	};
	const checkType = raw.checkType ?? 'metric';
	// Version 1 read a check type it did not know (hand-edited JSON) as a Metric Threshold.
	if (!isCheckType(checkType) && version2) {
		throw new InvalidSettingError(parameter('Check Type'), `"${String(checkType)}" is not a check type; use one of ${Object.keys(CHECK_TYPES).join(', ')}`);
	}
	const entry = CHECK_TYPES[isCheckType(checkType) ? checkType : 'metric'];
	const reading = { raw, name, options, workflowZone, numbers, parameter, number, thresholds };
	return { name, seriesOf, bySeries: seriesRead !== undefined, timing, ...entry.read(reading) };
}
