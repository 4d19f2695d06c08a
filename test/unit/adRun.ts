/**
 * One run of the ROAS Calculator or the CPA Tracker without n8n, for unit tests: items in (rows or
 * failures, as the node's shell reads them), results and the memory to keep out.
 */
import type { AlertTiming } from '../../nodes/shared/alerting/alertMachine';
import { createRowReader, emptyRow } from '../../nodes/shared/metrics/adRow';
import { evaluateGroups, MESSAGE_PLACEHOLDERS, type AdAlertMemory, type EvaluationSettings } from '../../nodes/shared/metrics/evaluate';
import { createAggregator, type GroupBy, type PeriodSplit } from '../../nodes/shared/metrics/groups';
import type { MetricKind } from '../../nodes/shared/metrics/judge';
import { createFailureReader } from '../../nodes/shared/metrics/sourceAlerts';
import { escapeFor } from '../../nodes/shared/values/escape';
import { settingTemplate } from '../../nodes/shared/values/template';

export const HOUR = 3_600_000;

export interface RunOptions {
	kind?: MetricKind;
	groupBy?: GroupBy;
	split?: PeriodSplit;
	sendResolved?: boolean;
	timing?: Partial<AlertTiming>;
	alertMessage?: string;
}

export function evaluationSettings(options: RunOptions = {}): EvaluationSettings {
	const escape = escapeFor.slack;
	const kind = options.kind ?? 'roas';
	return {
		kind,
		groupBy: options.groupBy ?? 'campaign',
		thresholds: kind === 'roas' ? { target: 3, critical: 1 } : { target: 40, critical: 80 },
		guards: { minSpend: 0, minConversions: 0 },
		timing: {
			pendingMs: 0,
			pendingEvaluations: 1,
			renotifyMs: 24 * HOUR,
			minIntervalMs: 0,
			missingMs: 48 * HOUR,
			noData: false,
			forgetMs: 30 * 24 * HOUR,
			...options.timing,
		},
		margin: 0.05,
		sendResolved: options.sendResolved ?? true,
		alertMessage: settingTemplate(options.alertMessage ?? '{severity} {campaign}: {reason}', MESSAGE_PLACEHOLDERS, 'Alert Message', { escape }),
		resolvedMessage: settingTemplate('RESOLVED {campaign}', MESSAGE_PLACEHOLDERS, 'Resolved Message', { escape }),
		escape,
	};
}

const readRow = createRowReader({
	format: 'auto',
	mapping: {
		campaign: 'campaignName',
		account: 'accountId',
		spend: 'spend',
		value: 'conversionValue',
		conversions: 'conversions',
		currency: 'currency',
		date: 'date',
		period: 'period',
		target: 'target',
	},
	needs: { value: false, conversions: false },
	metaActionType: 'omni_purchase',
	decimalSeparator: '.',
	defaultCurrency: '',
});
const readFailure = createFailureReader('spend', 'accountId');

/** A campaign's row in the fields the default mapping reads. */
export const campaign = (accountId: string, campaignName: string, spend: number, value: number, extra: Record<string, unknown> = {}) => ({
	accountId,
	campaignId: campaignName,
	campaignName,
	spend,
	conversionValue: value,
	conversions: 1,
	currency: 'EUR',
	date: '2026-12-01',
	...extra,
});

export const emptyMemory = (): AdAlertMemory => ({ rule: '', groups: {} });

export function runCalculator(items: Array<Record<string, unknown>>, memory: AdAlertMemory, now: number, options: RunOptions = {}) {
	const evaluation = evaluationSettings(options);
	const aggregator = createAggregator(evaluation.groupBy, options.split ?? { kind: 'none' });
	const row = emptyRow();
	items.forEach((json, itemIndex) => {
		const failure = readFailure(json);
		if (failure) aggregator.failSource(itemIndex, failure);
		else {
			readRow(json, row);
			aggregator.add(itemIndex, row);
		}
	});
	return evaluateGroups(aggregator.result(), evaluation, memory, now);
}

export const alertMessages = (results: ReturnType<typeof runCalculator>['results']) =>
	results.filter((result) => result.output === 'alert').map((result) => String(result.json.message));
