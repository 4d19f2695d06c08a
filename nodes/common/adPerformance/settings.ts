import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { AlertTiming } from '../../shared/alerting/alertMachine';
import { DEFAULT_RECOVERY_MARGIN_PERCENT } from '../../shared/alerting/hysteresis';
import { describeValue } from '../../shared/values/describe';
import { InvalidSettingError } from '../../shared/errors';
import { createRowReader, type InputFormat, type RowReader } from '../../shared/metrics/adRow';
import type { EvaluationSettings } from '../../shared/metrics/evaluate';
import { rowsOfItem, type ItemRow } from '../../shared/metrics/responseRows';
import { createFailureReader } from '../../shared/metrics/sourceAlerts';
import { MESSAGE_PLACEHOLDERS } from '../../shared/metrics/evaluate';
import type { GroupBy, PeriodSplit } from '../../shared/metrics/groups';
import type { MetricKind, Thresholds } from '../../shared/metrics/judge';
import { settingTemplate } from '../../shared/values/template';
import { readMessageEscape } from '../messageFormat';
import type { DecimalSeparator } from '../../shared/values/number';

export interface AdPerformanceSettings {
	readRow: RowReader;
	/** The rows an item holds: itself, or (version 2 on) each row of a whole platform response. */
	rowsOf: (json: Record<string, unknown>) => ItemRow[];
	/** An item a failed data source left instead of rows, or undefined. */
	readFailure: ReturnType<typeof createFailureReader>;
	groupBy: GroupBy;
	split: PeriodSplit;
	evaluation: EvaluationSettings;
}

const HOUR_MS = 3_600_000;
/** A campaign not seen for this long is forgotten (a No Data alert resolves then), so state stays small. */
const FORGET_AFTER_MS = 30 * 24 * HOUR_MS;

/** Reads the parameters once per execution: they are the same for every row. */
export function readAdPerformanceSettings(context: IExecuteFunctions, kind: MetricKind): AdPerformanceSettings {
	const version2 = context.getNode().typeVersion >= 2;
	const plainParameter = <T>(name: string, fallback?: T) => context.getNodeParameter(name, 0, fallback) as T;
	// Version 2 on, a threshold that is not a number is an error: n8n hands over an expression in a
	// parameter without item data as its text.
	const parameter: Read = version2 ? numbersChecked(plainParameter) : plainParameter;
	const options = parameter<IDataObject>('options', {});
	const groupBy = parameter<GroupBy>('groupBy', 'campaign');
	const dateField = parameter<string>('dateField', 'date');
	const split = readSplit(parameter, dateField);
	const accountField = (options.accountField as string | undefined) ?? 'accountId';
	const spendField = parameter<string>('spendField', 'spend');
	const readFailure = createFailureReader(spendField, accountField);
	const format = parameter<InputFormat>('inputFormat', 'auto');
	const readRow = createRowReader({
		format,
		mapping: {
			campaign: parameter<string>('campaignField', 'campaignName'),
			account: accountField,
			spend: spendField,
			value: kind === 'roas' ? parameter<string>('valueField', 'conversionValue') : 'conversionValue',
			conversions: kind === 'cpa' ? parameter<string>('conversionsField', 'conversions') : 'conversions',
			currency: parameter<string>('currencyField', 'currency'),
			date: dateField,
			period: split.kind === 'label' ? split.field : '',
			target: (options.targetField as string | undefined) ?? '',
		},
		needs: { value: kind === 'roas', conversions: kind === 'cpa' },
		metaActionType: parameter<string>('metaActionType', 'omni_purchase'),
		decimalSeparator: ((options.decimalSeparator as string | undefined) ?? '.') as DecimalSeparator,
		defaultCurrency: ((options.defaultCurrency as string | undefined) ?? '').trim(),
		// Version 1 dropped misplaced group separators and lists in text fields, and kept "usd" apart from "USD".
		strict: version2,
	});
	const sendResolved = parameter<boolean>('sendResolved', true);
	const escape = readMessageEscape(context);
	const hours = (name: string, fallback: number) => ((options[name] as number | undefined) ?? fallback) * HOUR_MS;
	const timing: AlertTiming = {
		pendingMs: hours('pendingHours', 0),
		pendingEvaluations: Math.max(1, (options.pendingRuns as number | undefined) ?? 1),
		// Alert Only on Change off: a reminder at every run.
		renotifyMs: parameter<boolean>('alertOnlyOnChange', true) ? parameter<number>('renotifyHours', 24) * HOUR_MS : 1,
		minIntervalMs: hours('minIntervalHours', 0),
		missingMs: hours('missingHours', 48),
		noData: options.alertOnNoData === true,
		forgetMs: FORGET_AFTER_MS,
	};
	const marginPercent = (options.recoveryMarginPercent as number | undefined) ?? DEFAULT_RECOVERY_MARGIN_PERCENT;
	if (!(marginPercent >= 0 && marginPercent < 100)) {
		throw new InvalidSettingError('Recovery Margin (%)', `${marginPercent} is not a margin; use a percentage from 0 to below 100`);
	}
	return {
		readRow,
		rowsOf: version2 ? (json) => rowsOfItem(json, format) : (json) => [{ json, path: '' }],
		readFailure,
		groupBy,
		split,
		evaluation: {
			kind,
			groupBy,
			thresholds: kind === 'roas' ? readRoasThresholds(parameter) : readCpaThresholds(parameter),
			guards: {
				minSpend: parameter<number>('minSpend', 0),
				minConversions: kind === 'cpa' ? parameter<number>('minConversions', 0) : 0,
				// Version 1 judged spend without a conversion by the Minimum Spend alone.
				...(kind === 'cpa' && version2 ? { noConversionMultiple: parameter<number>('noConversionMultiple', 1) } : {}),
			},
			timing,
			margin: marginPercent / 100,
			sendResolved,
			alertMessage: settingTemplate(parameter<string>('alertMessage', ''), MESSAGE_PLACEHOLDERS, 'Alert Message', { escape, tidy: version2 }),
			resolvedMessage: settingTemplate(sendResolved ? parameter<string>('resolvedMessage', '') : '', MESSAGE_PLACEHOLDERS, 'Resolved Message', {
				escape,
				tidy: version2,
			}),
			escape,
			cleanWording: version2,
		},
	};
}

type Read = <T>(name: string, fallback?: T) => T;

/** The number parameters, by name, and whether a row can carry its own value (the target). */
const NUMBER_SETTINGS: Record<string, { displayName: string; perRowTarget: boolean }> = {
	targetRoas: { displayName: 'Target ROAS', perRowTarget: true },
	grossMarginPercent: { displayName: 'Gross Margin (%)', perRowTarget: true },
	criticalRoas: { displayName: 'Critical Below', perRowTarget: false },
	minSpend: { displayName: 'Minimum Spend', perRowTarget: false },
	targetCpa: { displayName: 'Target CPA', perRowTarget: true },
	maximumCpa: { displayName: 'Maximum CPA', perRowTarget: false },
	minConversions: { displayName: 'Minimum Conversions', perRowTarget: false },
	noConversionMultiple: { displayName: 'No-Conversion Limit (× Target CPA)', perRowTarget: false },
};

function numbersChecked(parameter: Read): Read {
	return <T>(name: string, fallback?: T): T => {
		const value = parameter(name, fallback);
		const setting = NUMBER_SETTINGS[name];
		if (setting !== undefined && !(typeof value === 'number' && Number.isFinite(value))) {
			const perRow = setting.perRowTarget ? '; for a target per campaign, name a column in Options › Target Field' : '';
			throw new InvalidSettingError(setting.displayName, `${describeValue(value)} is not a number. It is one value for all rows${perRow}.`);
		}
		return value;
	};
}

function readRoasThresholds(parameter: Read): Thresholds {
	const critical = parameter<number>('criticalRoas', 0);
	if (parameter<string>('targetSource', 'number') === 'margin') {
		const margin = parameter<number>('grossMarginPercent', 0);
		if (!(margin > 0 && margin <= 100)) {
			throw new InvalidSettingError('Gross Margin (%)', `${margin} is not a margin; use a percentage above 0 and up to 100`);
		}
		return { target: 100 / margin, critical };
	}
	const target = parameter<number>('targetRoas', 0);
	if (critical > target) {
		throw new InvalidSettingError('Critical Below', `${critical} is above the Target ROAS of ${target}; the critical level must be the lower one`);
	}
	return { target, critical };
}

function readCpaThresholds(parameter: Read): Thresholds {
	const target = parameter<number>('targetCpa', 0);
	const maximum = parameter<number>('maximumCpa', 0);
	if (maximum > 0 && maximum < target) {
		throw new InvalidSettingError('Maximum CPA', `${maximum} is below the Target CPA of ${target}; the maximum must be the higher one`);
	}
	return { target, critical: maximum };
}

function readSplit(parameter: Read, dateField: string): PeriodSplit {
	switch (parameter<string>('comparePeriods', 'none')) {
		case 'label':
			return {
				kind: 'label',
				field: parameter<string>('periodField', 'period'),
				current: parameter<string>('currentLabel', 'current').trim(),
				previous: parameter<string>('previousLabel', 'previous').trim(),
			};
		case 'date': {
			const currentFrom = parameter<string>('currentFrom', '').trim();
			if (!/^\d{4}-\d{2}-\d{2}$/.test(currentFrom)) {
				throw new InvalidSettingError('Current Period Starts On', `"${currentFrom}" is not a day; write it as YYYY-MM-DD`);
			}
			return { kind: 'date', field: dateField || 'date', currentFrom };
		}
		default:
			return { kind: 'none' };
	}
}
