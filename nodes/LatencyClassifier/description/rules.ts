import type { INodeProperties } from 'n8n-workflow';

import { presetsOfVersion } from '../../shared/latency/presets';
import { FROM_VERSION_2, VERSION_1_ONLY } from '../../common/versions';
import { ROUTE_NAMES, routeFor } from '../../shared/latency/oneHourTest';

const showFor = { show: { mode: ['rules'] } };

export const rulesProperties: INodeProperties[] = [
	{
		displayName: 'Custom Rules',
		name: 'rules',
		placeholder: 'Add Rule',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		displayOptions: showFor,
		default: {},
		description: 'Checked from top to bottom before the ready-made rules; the first rule that matches decides',
		options: [
			{
				name: 'rule',
				displayName: 'Rule',
				// Alphabetical, as n8n's rules want; the names make it read: name, the one-hour answer, then how the rule checks.
				values: [
					{
						displayName: 'A Name for This Rule',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. VIP customers',
						description: 'Shown in the decision record, so the reason for each route is clear',
					},
					{
						displayName: 'A One-Hour Delay Costs',
						name: 'delayCost',
						type: 'options',
						options: [
							{ name: 'Money (Real-Time)', value: 'money' },
							{ name: 'Money and Trust (Real-Time)', value: 'moneyAndTrust' },
							{ name: 'Nothing (Batch)', value: 'nothing' },
							{ name: 'Trust (Real-Time)', value: 'trust' },
						],
						default: 'money',
						description: 'The one-hour test: if a delay costs nothing, batch it; if it loses money or trust, handle it now',
					},
					{
						displayName: 'Check By',
						name: 'conditionType',
						type: 'options',
						options: [
							{
								name: 'Compare a Field',
								value: 'field',
								description: 'Pick a field, an operator and a value',
							},
							{
								name: 'Expression',
								value: 'expression',
								description: 'An n8n expression that returns true or false (slower: evaluated per item)',
							},
						],
						default: 'field',
					},
					{
						displayName: 'Condition',
						name: 'condition',
						type: 'boolean',
						displayOptions: { show: { conditionType: ['expression'] } },
						default: false,
						description: "Whether the rule applies to the item. Switch to Expression and return true or false from the item's fields.",
						hint: 'e.g. {{ $json.amount > 1000 && $json.country === "US" }}',
					},
					{
						displayName: 'Field',
						name: 'field',
						type: 'string',
						requiresDataPath: 'single',
						displayOptions: { show: { conditionType: ['field'] } },
						default: '',
						placeholder: 'e.g. customer.tier',
						description: 'The field to check. Drag a field from the input here.',
					},
					{
						displayName: 'Operator',
						name: 'operator',
						type: 'options',
						displayOptions: { show: { conditionType: ['field'] } },
						options: [
							{ name: 'Contains', value: 'contains' },
							{ name: 'Does Not Contain', value: 'notContains' },
							{ name: 'Does Not Equal', value: 'notEquals' },
							{ name: 'Does Not Exist', value: 'notExists' },
							{ name: 'Ends With', value: 'endsWith' },
							{ name: 'Equals', value: 'equals' },
							{ name: 'Exists', value: 'exists' },
							{ name: 'Is at Least', value: 'greaterThanOrEqual' },
							{ name: 'Is at Most', value: 'lessThanOrEqual' },
							{ name: 'Is Greater Than', value: 'greaterThan' },
							{ name: 'Is Less Than', value: 'lessThan' },
							{ name: 'Is Not One Of', value: 'isNotOneOf' },
							{ name: 'Is One Of', value: 'isOneOf' },
							{ name: 'Starts With', value: 'startsWith' },
						],
						default: 'equals',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						displayOptions: {
							show: { conditionType: ['field'] },
							hide: { operator: ['exists', 'notExists'] },
						},
						default: '',
						placeholder: 'e.g. vip, enterprise',
						description: 'What to compare with. For "Is One Of", separate the values with commas.',
					},
				],
			},
		],
	},
	readyMadeRules(1),
	readyMadeRules(2),
	{
		displayName: 'Event Type Field',
		name: 'eventTypeField',
		type: 'string',
		requiresDataPath: 'single',
		displayOptions: showFor,
		default: 'eventType',
		placeholder: 'e.g. event.type',
		description: 'The field that says what happened, such as "new_lead" or "payment_failed". Drag a field from the input here.',
	},
	{
		displayName: 'When No Rule Matches',
		name: 'noMatchRoute',
		type: 'options',
		displayOptions: showFor,
		options: [
			{ name: 'Send to Batch', value: 'batch', description: 'If the outcome does not change with timing, batch it' },
			{ name: 'Send to Real-Time', value: 'realTime' },
		],
		default: 'batch',
	},
];

/** Version 2 offers the rules added in version 2 and says that word forms are read. */
function readyMadeRules(version: 1 | 2): INodeProperties {
	const presets = presetsOfVersion(version);
	return {
		displayName: 'Ready-Made Rules',
		name: 'readyMadeRules',
		type: 'multiOptions',
		displayOptions: { show: { mode: ['rules'], ...(version === 1 ? VERSION_1_ONLY : FROM_VERSION_2) } },
		options: [...presets]
			.sort((a, b) => a.label.localeCompare(b.label))
			.map((preset) => ({
				name: `${preset.label} → ${ROUTE_NAMES[routeFor(preset.delayCost)]}`,
				value: preset.id,
				description: `Matches event types such as ${[...preset.synonyms, ...(version === 1 ? [] : (preset.synonymsSince2 ?? []))]
					.slice(0, 3)
					.map((synonym) => `"${synonym.replace(/ /g, '_')}"`)
					.join(', ')}`,
			})),
		default: [...presets.map((preset) => preset.id)],
		description:
			version === 1
				? 'Common cases, each matched on the Event Type Field by its usual names (e.g. "form_submitted", "invoice.payment_failed")'
				: 'Common cases, each matched on the Event Type Field by its usual names in any word form (e.g. "form_submitted", "Payment Failing", "subscription went past due")',
	};
}
