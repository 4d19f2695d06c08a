import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_RATE_LIMIT_WAIT_SECONDS } from './report';

const custom = { show: { period: ['custom'] } };

export const adMetricsProperties: INodeProperties[] = [
	{
		displayName: 'Platform',
		name: 'platform',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Google Ads', value: 'googleAds' },
			{ name: 'Meta Ads', value: 'meta', description: 'Facebook and Instagram ads' },
		],
		default: 'meta',
	},
	{
		displayName: 'Account ID',
		name: 'accountId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. act_1234567890 or 123-456-7890',
		description:
			'Meta: the ad account ID (with or without act_). Google Ads: the customer ID (dashes allowed). Map it from the input to fetch several accounts.',
	},
	{
		displayName: 'Level',
		name: 'level',
		type: 'options',
		options: [
			{ name: 'Account', value: 'account', description: 'One row per account' },
			{ name: 'Campaign', value: 'campaign', description: 'One row per campaign' },
		],
		default: 'campaign',
	},
	{
		displayName: 'Period',
		name: 'period',
		type: 'options',
		options: [
			{ name: 'Custom Range', value: 'custom' },
			{ name: 'Last 14 Days', value: 'last14Days' },
			{ name: 'Last 3 Days', value: 'last3Days' },
			{ name: 'Last 30 Days', value: 'last30Days' },
			{ name: 'Last 7 Days', value: 'last7Days' },
			{ name: 'This Month', value: 'thisMonth' },
			{ name: 'Today', value: 'today' },
			{ name: 'Yesterday', value: 'yesterday' },
		],
		default: 'last7Days',
		description: "Days in the ad account's own timezone; the last N days end yesterday",
	},
	{
		displayName: 'From',
		name: 'since',
		type: 'string',
		displayOptions: custom,
		default: '',
		placeholder: 'YYYY-MM-DD',
	},
	{
		displayName: 'To',
		name: 'until',
		type: 'string',
		displayOptions: custom,
		default: '',
		placeholder: 'YYYY-MM-DD',
	},
	{
		displayName: 'One Row per Day',
		name: 'daily',
		type: 'boolean',
		default: false,
		description: 'Whether to split each campaign into one row per day instead of one row for the whole period',
	},
	{
		displayName: 'Meta Purchase Action Type',
		name: 'metaActionType',
		type: 'string',
		displayOptions: { show: { platform: ['meta'] } },
		default: 'omni_purchase',
		description: 'Meta lists one purchase under several action types; only this one is counted, never their sum',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Wait Out Rate Limits Up To (Seconds)',
				name: 'rateLimitWaitSeconds',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_RATE_LIMIT_WAIT_SECONDS,
				description:
					"When the platform answers that its rate limit is reached, wait as long as it asks (5 seconds when it does not say) and try again, twice at most. A longer wait fails at once with the platform's hint. 0: never wait.",
			},
		],
	},
];
