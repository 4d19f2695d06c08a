import {
	NodeApiError,
	NodeConnectionTypes,
	NodeOperationError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { googleCustomerId } from '../shared/adPlatforms/googleAds';
import { metaAccountId, type Level } from '../shared/adPlatforms/meta';
import { waitingOutRateLimits } from '../shared/adPlatforms/rateLimit';
import { rangeProblem, type CustomRange, type PeriodPreset } from '../shared/adPlatforms/period';
import { goesOnWithError } from '../common/errors';
import { adMetricsProperties } from './description';
import { fetchGoogleAds } from './googleAdsTransport';
import { fetchMeta } from './metaTransport';
import { DEFAULT_RATE_LIMIT_WAIT_SECONDS, type ReportRequest } from './report';

export class AdMetrics implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Ad Metrics',
		name: 'adMetrics',
		icon: { light: 'file:adMetrics.svg', dark: 'file:adMetrics.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{ ($parameter["platform"] === "meta" ? "Meta Ads" : "Google Ads") + ": " + $parameter["period"] }}',
		description: 'Spend, conversions and conversion value per campaign from Meta Ads or Google Ads, ready for the ROAS Calculator and the CPA Tracker',
		defaults: { name: 'Ad Metrics' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'realtimeBatchMetaAdsApi', required: true, displayOptions: { show: { platform: ['meta'] } } },
			{ name: 'realtimeBatchGoogleAdsOAuth2Api', required: true, displayOptions: { show: { platform: ['googleAds'] } } },
		],
		properties: adMetricsProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const node = this.getNode();
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const request = readRequest(this, itemIndex);
				const fetchReport = async () =>
					request.platform === 'meta' ? await fetchMeta(this, request, itemIndex) : await fetchGoogleAds(this, request, itemIndex);
				const rows = await waitingOutRateLimits(fetchReport, rateLimitWaitOf, request.rateLimitWaitMs, sleep);
				for (const row of rows) output.push({ json: { ...row }, pairedItem: { item: itemIndex } });
			} catch (caught) {
				const error =
					caught instanceof NodeOperationError || caught instanceof NodeApiError ? caught : new NodeOperationError(node, caught as Error, { itemIndex });
				// Errors raised inside n8n's request helper (a refused token refresh) know no item.
				if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
				// On the regular output the item says whose data failed, so that the ROAS Calculator and the
				// CPA Tracker can alert on the failing source (and hold its campaigns' alerts).
				output.push(goesOnWithError(this, error, () => whoseData(this, itemIndex), { item: itemIndex }, error.description ?? null));
			}
		}
		return [output];
	}
}

/** A NodeApiError the transports raised on a rate limit carries the wait the platform asked for. */
function rateLimitWaitOf(error: unknown): number | undefined {
	const wait = error instanceof NodeApiError ? error.context.rateLimitWaitMs : undefined;
	return typeof wait === 'number' ? wait : undefined;
}

/**
 * The platform and account of a failed item, as far as its parameters can be read, with the account
 * id written as the platform's rows write it, so that a failure and the rows it stands for match.
 */
function whoseData(context: IExecuteFunctions, itemIndex: number): { platform: string; accountId: string } {
	const read = (name: string) => String(context.getNodeParameter(name, itemIndex, '') ?? '').trim();
	const platform = read('platform');
	const accountId = read('accountId');
	return { platform, accountId: platform === 'meta' ? metaAccountId(accountId) : googleCustomerId(accountId) };
}

/** Parameters can differ per item: one Ad Metrics node can fetch ten accounts from ten items. */
function readRequest(context: IExecuteFunctions, itemIndex: number): ReportRequest {
	const parameter = <T>(name: string, fallback?: T) => context.getNodeParameter(name, itemIndex, fallback) as T;
	// An expression reading a field the item lacks gives undefined: that is an empty ID, not "undefined".
	const accountId = String(parameter('accountId', '') ?? '').trim();
	if (accountId === '') {
		throw new NodeOperationError(context.getNode(), `Account ID is empty for item ${itemIndex}`, { itemIndex });
	}
	const preset = parameter<PeriodPreset>('period', 'last7Days');
	let range: CustomRange | undefined;
	if (preset === 'custom') {
		range = { since: String(parameter('since', '')).trim(), until: String(parameter('until', '')).trim() };
		const problem = rangeProblem(range);
		if (problem) throw new NodeOperationError(context.getNode(), `Custom period: ${problem}`, { itemIndex });
	}
	return {
		platform: parameter<'meta' | 'googleAds'>('platform', 'meta'),
		accountId,
		level: parameter<Level>('level', 'campaign'),
		preset,
		range,
		daily: parameter<boolean>('daily', false),
		actionType: String(parameter('metaActionType', 'omni_purchase')).trim(),
		rateLimitWaitMs: Math.max(0, Number(parameter<IDataObject>('options', {}).rateLimitWaitSeconds ?? DEFAULT_RATE_LIMIT_WAIT_SECONDS)) * 1000,
	};
}
