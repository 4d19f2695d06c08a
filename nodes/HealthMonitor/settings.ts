import { IANAZone } from 'luxon';
import type { IDataObject, IExecuteFunctions, INodePropertyCollection } from 'n8n-workflow';

import type { AlertTiming } from '../shared/alerting/alertMachine';
import { DEFAULT_RECOVERY_MARGIN_PERCENT } from '../shared/alerting/hysteresis';
import { InvalidSettingError } from '../shared/errors';
import type { CheckSpec } from '../shared/health/evaluate';
import { HEALTH_PLACEHOLDERS } from '../shared/health/evaluate';
import type { Aggregation } from '../shared/health/series';
import { validateThresholds, type Condition, type Thresholds } from '../shared/health/thresholds';
import { describeValue } from '../shared/values/describe';
import { settingFieldReader } from '../shared/values/fieldPath';
import { STRICT_NUMBERS, type ParseOptions } from '../shared/values/number';
import { settingTemplate, type Render } from '../shared/values/template';
import { listOf } from '../shared/values/text';
import { readMessageEscape } from '../common/messageFormat';
import { CHECK_TYPE_OPTIONS, checksProperty, type CheckType } from './description/checks';

export interface EndpointSpec {
	check: string;
	url: string;
	expectedStatus: (status: number) => boolean;
	bodyContains: string;
	timeoutMs: number;
}

export interface HealthSettings {
	checks: CheckSpec[];
	endpoints: EndpointSpec[];
	messages: { alert: Render; resolved: Render };
	emitOk: boolean;
}

type RawCheck = IDataObject & { name?: string; checkType?: string; options?: IDataObject };

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
		if (raw.checkType === 'endpoint') endpoints.push(readEndpoint(raw, name));
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

const CHECK_TYPES = CHECK_TYPE_OPTIONS.map((option) => option.value);

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
	const base = { name, seriesOf, bySeries: seriesRead !== undefined, timing };
	const thresholds = (values: Omit<Thresholds, 'margin'>) => {
		const checked = validateThresholds({ ...values, margin });
		if (!checked.ok) throw new InvalidSettingError(parameter('Thresholds'), checked.problem);
		return checked.value;
	};
	// One reader per check type the panel offers: a type without one does not compile.
	const readers: Record<CheckType, () => CheckSpec> = {
		budgetPacing: () => {
			const zone = String(options.timezone ?? '').trim() || workflowZone;
			if (!IANAZone.isValidZone(zone)) throw new InvalidSettingError(parameter('Timezone'), `"${zone}" is not a known timezone`);
			return {
				...base,
				label: 'Spend pacing',
				unit: '%',
				source: {
					kind: 'budgetPacing',
					spend: settingFieldReader(String(raw.spendField ?? ''), parameter('Spend Field')),
					spendField: String(raw.spendField ?? ''),
					budget: settingFieldReader(String(raw.budgetField ?? ''), parameter('Daily Budget Field')),
					budgetField: String(raw.budgetField ?? ''),
					zone,
					numbers,
				},
				thresholds: thresholds({ condition: 'above', warning: number('pacingWarning'), critical: number('pacingCritical') }),
			};
		},
		paymentFailures: () => ({
			...base,
			label: 'Payment failure rate',
			unit: '%',
			source: {
				kind: 'paymentFailures',
				status: settingFieldReader(String(raw.statusField ?? ''), parameter('Status Field')),
				statusField: String(raw.statusField ?? ''),
				failed: new Set(listOf(raw.failedStatuses ?? '').map((status) => status.toLowerCase())),
				minTotal: number('minPayments') ?? 1,
			},
			thresholds: thresholds({ condition: 'above', warning: number('failureWarning'), critical: number('failureCritical') }),
		}),
		leadVolume: () => ({
			...base,
			label: 'Lead volume',
			unit: '% of expected',
			source: { kind: 'leadVolume', expected: Math.max(1, number('expectedCount') ?? 1) },
			thresholds: thresholds({ condition: 'below', warning: number('volumeWarning'), critical: number('volumeCritical') }),
		}),
		endpoint: () => ({
			...base,
			label: 'Response time',
			unit: ' ms',
			source: { kind: 'endpoint' },
			thresholds: thresholds({ condition: 'above', warning: number('slowAboveMs') }),
		}),
		metric: () => {
			const condition = (raw.condition as Condition | undefined) ?? 'above';
			const metricField = String(raw.metricField ?? '');
			return {
				...base,
				label: metricField || name,
				unit: condition === 'changeAbove' ? '%' : '',
				source: {
					kind: 'metric',
					read: settingFieldReader(metricField, parameter('Metric Field')),
					field: metricField,
					aggregation: (raw.aggregation as Aggregation | undefined) ?? 'last',
					numbers,
				},
				thresholds: thresholds(
					condition === 'outsideRange'
						? {
								condition,
								low: number('low'),
								high: number('high'),
								rangeSeverity: (options.rangeSeverity as 'warning' | 'critical' | undefined) ?? 'critical',
							}
						: { condition, warning: number('warning'), critical: number('critical') },
				),
			};
		},
	};
	const checkType = raw.checkType ?? 'metric';
	if ((CHECK_TYPES as readonly unknown[]).includes(checkType)) return readers[checkType as CheckType]();
	// Version 1 read a check type it did not know (hand-edited JSON) as a Metric Threshold.
	if (!version2) return readers.metric();
	throw new InvalidSettingError(parameter('Check Type'), `"${String(checkType)}" is not a check type; use one of ${CHECK_TYPES.join(', ')}`);
}

function readEndpoint(raw: RawCheck, name: string): EndpointSpec {
	const url = String(raw.url ?? '').trim();
	if (!/^https?:\/\//i.test(url)) {
		throw new InvalidSettingError(`Checks › ${name} › Endpoint URL`, 'must start with http:// or https://');
	}
	return {
		check: name,
		url,
		expectedStatus: statusMatcher(String(raw.expectedStatus ?? '2xx'), name),
		bodyContains: String(raw.bodyContains ?? ''),
		timeoutMs: Math.max(1, (raw.timeoutSeconds as number | undefined) ?? 10) * 1000,
	};
}

/** "2xx", "200, 204" or "2xx, 301" into a test of a status code. */
function statusMatcher(text: string, name: string): (status: number) => boolean {
	const parts = listOf(text);
	const tests = parts.map((part) => {
		const family = /^([1-5])xx$/i.exec(part);
		if (family) return (status: number) => Math.floor(status / 100) === Number(family[1]);
		if (/^\d{3}$/.test(part)) return (status: number) => status === Number(part);
		throw new InvalidSettingError(`Checks › ${name} › Expected Status`, `"${part}" is not a status; use 2xx or codes such as 200, 204`);
	});
	if (tests.length === 0) throw new InvalidSettingError(`Checks › ${name} › Expected Status`, 'is empty; use 2xx or codes such as 200, 204');
	return (status) => tests.some((test) => test(status));
}
