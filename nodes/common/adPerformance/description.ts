import type { INodeProperties } from 'n8n-workflow';

import { minIntervalOption, recoveryMarginOption } from '../alertOptions';
import { alertMemoryProperties } from '../alertMemory/description';
import { messageFormatProperty } from '../messageFormat';
import { addedInVersion2, changedInVersion2, sameForEveryRowFromVersion2 } from '../versions';
import type { MetricKind } from '../../shared/metrics/judge';

/** Parameters shared by the ROAS Calculator and the CPA Tracker, in the order an operator needs them. */
export function adPerformanceProperties(kind: MetricKind): INodeProperties[] {
	return [
		...inputProperties(kind),
		...(kind === 'roas' ? roasTargetProperties : cpaTargetProperties),
		...periodProperties,
		...alertProperties(kind),
		...alertMemoryProperties,
		optionsProperty,
	];
}

const mappedFormats = { show: { inputFormat: ['auto', 'fields'] } };

function inputProperties(kind: MetricKind): INodeProperties[] {
	return [
		{
			displayName: 'Input Format',
			name: 'inputFormat',
			type: 'options',
			options: [
				{
					name: 'Auto-Detect',
					value: 'auto',
					description: 'Meta insights and Google Ads rows are recognised; other rows use the fields below',
				},
				{ name: 'Fields I Map', value: 'fields', description: 'Rows from a sheet, a webhook or the Ad Metrics node' },
				{ name: 'Google Ads API Rows', value: 'googleAds', description: 'Rows with metrics.costMicros, metrics.conversions and metrics.conversionsValue' },
				{ name: 'Meta Ads Insights Rows', value: 'meta', description: 'Rows with spend, actions and action_values as Meta sends them' },
			],
			default: 'auto',
		},
		{
			displayName: 'Meta Purchase Action Type',
			name: 'metaActionType',
			type: 'string',
			displayOptions: { show: { inputFormat: ['auto', 'meta'] } },
			default: 'omni_purchase',
			description:
				'Meta lists one purchase under several action types (purchase, omni_purchase, offsite_conversion.fb_pixel_purchase). Only this one is read, so nothing is counted twice.',
		},
		{
			displayName: 'Campaign Field',
			name: 'campaignField',
			type: 'string',
			requiresDataPath: 'single',
			displayOptions: mappedFormats,
			default: 'campaignName',
			description: 'The field naming the campaign. Drag a field from the input here.',
		},
		{
			displayName: 'Spend Field',
			name: 'spendField',
			type: 'string',
			requiresDataPath: 'single',
			displayOptions: mappedFormats,
			default: 'spend',
			description: 'The amount spent; numbers or text such as "$1,234.50"',
		},
		kind === 'roas'
			? {
					displayName: 'Conversion Value Field',
					name: 'valueField',
					type: 'string',
					requiresDataPath: 'single',
					displayOptions: mappedFormats,
					default: 'conversionValue',
					description: 'The revenue the ads brought (purchase or conversion value)',
				}
			: {
					displayName: 'Conversions Field',
					name: 'conversionsField',
					type: 'string',
					requiresDataPath: 'single',
					displayOptions: mappedFormats,
					default: 'conversions',
					description: 'The number of conversions (purchases, leads, sign-ups)',
				},
		{
			displayName: 'Currency Field',
			name: 'currencyField',
			type: 'string',
			requiresDataPath: 'single',
			displayOptions: mappedFormats,
			default: 'currency',
			description: 'Rows of one group must share a currency. Leave empty when all rows use one.',
		},
		{
			displayName: 'Date Field',
			name: 'dateField',
			type: 'string',
			requiresDataPath: 'single',
			displayOptions: mappedFormats,
			default: 'date',
			description: 'Day of the row (YYYY-MM-DD), shown as the period and used to split periods',
		},
		{
			displayName: 'Group By',
			name: 'groupBy',
			type: 'options',
			options: [
				{ name: 'Account', value: 'account' },
				{ name: 'All Rows Together', value: 'all' },
				{ name: 'Campaign', value: 'campaign' },
			],
			default: 'campaign',
			description: 'Spend and results are summed per group first, then divided: ratios are never averaged',
		},
	];
}

/** Hints of the parameters the rows are judged against together, so no row can set them. */
const TARGET_HINT = 'One target for all rows. For a target per campaign, put it in a column and name it in Options › Target Field.';
const SAME_FOR_ALL_HINT = 'One value for all rows, which are judged together: it cannot come from a row.';

const roasTargetProperties: INodeProperties[] = [
	{
		displayName: 'Target From',
		name: 'targetSource',
		type: 'options',
		options: [
			{ name: 'A Number', value: 'number' },
			{
				name: 'Break-Even From Gross Margin',
				value: 'margin',
				description: 'Target ROAS = 1 / gross margin: below it, ads lose money',
			},
		],
		default: 'number',
	},
	...sameForEveryRowFromVersion2(
		{
			displayName: 'Target ROAS',
			name: 'targetRoas',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 2 },
			displayOptions: { show: { targetSource: ['number'] } },
			default: 3,
			description: 'Revenue per unit of spend you aim for; below it a campaign gets a warning',
		},
		TARGET_HINT,
	),
	...sameForEveryRowFromVersion2(
		{
			displayName: 'Gross Margin (%)',
			name: 'grossMarginPercent',
			type: 'number',
			typeOptions: { minValue: 0.1, maxValue: 100, numberPrecision: 1 },
			displayOptions: { show: { targetSource: ['margin'] } },
			default: 40,
			description: 'With a 40% margin, break-even ROAS is 2.5',
		},
		TARGET_HINT,
	),
	...sameForEveryRowFromVersion2(
		{
			displayName: 'Critical Below',
			name: 'criticalRoas',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 2 },
			default: 1,
			description: 'ROAS below this is critical (1: revenue below spend). 0 for warnings only.',
		},
		SAME_FOR_ALL_HINT,
	),
	...sameForEveryRowFromVersion2(
		{
			displayName: 'Minimum Spend',
			name: 'minSpend',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 50,
			description: 'Campaigns that spent less go to Insufficient Data instead of being judged',
		},
		SAME_FOR_ALL_HINT,
	),
];

const cpaTargetProperties: INodeProperties[] = [
	...sameForEveryRowFromVersion2(
		{
			displayName: 'Target CPA',
			name: 'targetCpa',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 2 },
			default: 50,
			description: 'Cost per conversion you aim for; above it a campaign gets a warning',
		},
		TARGET_HINT,
	),
	...sameForEveryRowFromVersion2(
		{
			displayName: 'Maximum CPA',
			name: 'maximumCpa',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 2 },
			default: 0,
			description: 'Above this the alert is critical. 0 for warnings only.',
		},
		SAME_FOR_ALL_HINT,
	),
	...sameForEveryRowFromVersion2(
		{
			displayName: 'Minimum Conversions',
			name: 'minConversions',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 3,
			description: 'A campaign is judged once it has this many conversions, or has spent the Minimum Spend',
		},
		SAME_FOR_ALL_HINT,
	),
	...changedInVersion2(
		{
			displayName: 'Minimum Spend',
			name: 'minSpend',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 50,
			description: 'A campaign is judged once it has spent this much, or has the Minimum Conversions. Spending this much with no conversion is critical.',
		},
		{
			description: 'A campaign is judged once it has spent this much, or has the Minimum Conversions',
			noDataExpression: true,
			hint: SAME_FOR_ALL_HINT,
		},
	),
	addedInVersion2({
		displayName: 'No-Conversion Limit (× Target CPA)',
		name: 'noConversionMultiple',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 1,
		noDataExpression: true,
		hint: SAME_FOR_ALL_HINT,
		description:
			'Spend with no conversion yet becomes an alert once it exceeds this many target CPAs: with 1 and a Target CPA of 200, from a spend above 200. Critical above the Maximum CPA, or at once when there is none.',
	}),
];

const periodProperties: INodeProperties[] = [
	{
		displayName: 'Compare With Previous Period',
		name: 'comparePeriods',
		type: 'options',
		options: [
			{ name: 'No', value: 'none' },
			{ name: 'Rows Labelled by a Period Field', value: 'label' },
			{ name: 'Split at a Date', value: 'date' },
		],
		default: 'none',
		description: "Adds the previous period's figures and the % change of the metric",
	},
	{
		displayName: 'Period Field',
		name: 'periodField',
		type: 'string',
		requiresDataPath: 'single',
		displayOptions: { show: { comparePeriods: ['label'] } },
		default: 'period',
	},
	{
		displayName: 'Current Period Label',
		name: 'currentLabel',
		type: 'string',
		displayOptions: { show: { comparePeriods: ['label'] } },
		default: 'current',
	},
	{
		displayName: 'Previous Period Label',
		name: 'previousLabel',
		type: 'string',
		displayOptions: { show: { comparePeriods: ['label'] } },
		default: 'previous',
	},
	{
		displayName: 'Current Period Starts On',
		name: 'currentFrom',
		type: 'string',
		displayOptions: { show: { comparePeriods: ['date'] } },
		default: '',
		placeholder: 'e.g. 2026-11-20',
		description: 'Rows dated on or after this day (YYYY-MM-DD) are the current period, earlier rows the previous one',
	},
];

const PLACEHOLDERS =
	'Placeholders: {severity}, {campaign}, {account}, {metric}, {value}, {target}, {limit}, {gap}, {change}, {spend}, {revenue}, {conversions}, {conversionsText} ("1 conversion"), {currency}, {from}, {to}, {reason}, {since}';

function messageProperty(displayName: string, name: string, text: string, show?: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		typeOptions: { rows: 2 },
		...(show ? { displayOptions: show } : {}),
		default: text,
		description: PLACEHOLDERS,
	};
}

const onlyWhenResolvedAreSent = { show: { sendResolved: [true] } };

const MESSAGES: Record<MetricKind, [INodeProperties[], INodeProperties[]]> = {
	roas: [
		[
			messageProperty(
				'Alert Message',
				'alertMessage',
				'{severity} {campaign}: {reason} Spend {spend} {currency}, revenue {revenue} {currency} ({from} to {to}).',
			),
		],
		// Version 2's default says why it resolved, including when the target moved rather than ROAS.
		changedInVersion2(
			messageProperty('Resolved Message', 'resolvedMessage', 'RESOLVED {campaign}: ROAS is back at {value} (target {target}).', onlyWhenResolvedAreSent),
			{
				default: 'RESOLVED {campaign}: {reason}',
			},
		),
	],
	cpa: [
		// Version 1's default wrote "1 conversions".
		changedInVersion2(
			messageProperty('Alert Message', 'alertMessage', '{severity} {campaign}: {reason} {conversions} conversions for {spend} {currency} ({from} to {to}).'),
			{
				default: '{severity} {campaign}: {reason} {conversionsText} for {spend} {currency} ({from} to {to}).',
			},
		),
		changedInVersion2(
			messageProperty(
				'Resolved Message',
				'resolvedMessage',
				'RESOLVED {campaign}: CPA is back at {value} {currency} (target {target}).',
				onlyWhenResolvedAreSent,
			),
			{
				default: 'RESOLVED {campaign}: {reason}',
			},
		),
	],
};

function alertProperties(kind: MetricKind): INodeProperties[] {
	const [alertMessages, resolvedMessages] = MESSAGES[kind];
	return [
		...alertMessages,
		{
			displayName: 'Alert Only on Change',
			name: 'alertOnlyOnChange',
			type: 'boolean',
			default: true,
			description: 'Whether to alert only when a campaign starts failing or gets worse. When off, every run alerts for every failing campaign.',
		},
		{
			displayName: 'Send Resolved Alerts',
			name: 'sendResolved',
			type: 'boolean',
			default: true,
			description: 'Whether to send an item on the Alert output when a campaign that was alerted recovers',
		},
		...resolvedMessages,
		messageFormatProperty,
		{
			displayName: 'Remind Every (Hours)',
			name: 'renotifyHours',
			type: 'number',
			typeOptions: { minValue: 0 },
			displayOptions: { show: { alertOnlyOnChange: [true] } },
			default: 24,
			description: 'Alert again while a campaign keeps failing, this often. 0 never reminds.',
		},
	];
}

const optionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Account Field',
			name: 'accountField',
			type: 'string',
			default: 'accountId',
			description: 'The field naming the ad account, for grouping by account (mapped rows)',
		},
		{
			displayName: 'Alert After (Hours)',
			name: 'pendingHours',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'A campaign must miss the target this long, without a run in between where it met it, before it alerts (pending until then)',
		},
		{
			displayName: 'Alert After (Runs)',
			name: 'pendingRuns',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1,
			description: 'A campaign must miss the target in this many runs in a row before it alerts; the same holds for getting worse (warning to critical)',
		},
		{
			displayName: 'Alert on No Data',
			name: 'alertOnNoData',
			type: 'boolean',
			default: false,
			description: 'Whether a campaign whose rows stop arriving alerts as "no data" instead of having its alert resolved',
		},
		{
			displayName: 'Campaign Missing After (Hours)',
			name: 'missingHours',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 48,
			description:
				'An alerted campaign with no rows for this long is gone: its alert resolves (or alerts "no data" when Alert on No Data is on). Reminders stop while it is missing.',
		},
		{
			displayName: 'Decimal Separator',
			name: 'decimalSeparator',
			type: 'options',
			options: [
				{ name: 'Comma (1.234,50)', value: ',' },
				{ name: 'Dot (1,234.50)', value: '.' },
			],
			default: '.',
			description: 'How amounts written as text mark decimals (mapped rows)',
		},
		{
			displayName: 'Default Currency',
			name: 'defaultCurrency',
			type: 'string',
			default: '',
			placeholder: 'e.g. USD',
			description: 'Currency of rows that name none',
		},
		minIntervalOption('Hours', 'campaign'),
		recoveryMarginOption(
			'An alerted campaign recovers (or drops from critical to warning) only once it is this far back past the line: with a target ROAS of 3 and 10%, at 3.3 or more. 0: recover as soon as the target is met.',
		),
		{
			displayName: 'Target Field',
			name: 'targetField',
			type: 'string',
			default: '',
			placeholder: 'e.g. targetRoas',
			description: "A field carrying each campaign's own target; it overrides the target above where present",
		},
	],
};
