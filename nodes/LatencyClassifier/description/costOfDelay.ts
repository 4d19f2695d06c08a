import type { INodeProperties } from 'n8n-workflow';

const showFor = (extra: Record<string, string[]> = {}) => ({ show: { mode: ['costOfDelay'], ...extra } });

export const costOfDelayProperties: INodeProperties[] = [
	{
		displayName: 'Cost From',
		name: 'costSource',
		type: 'options',
		displayOptions: showFor(),
		options: [
			{ name: 'A Field', value: 'field', description: 'A money amount on the item, optionally multiplied' },
			{ name: 'An Expression', value: 'expression', description: 'Any calculation (slower: evaluated per item)' },
		],
		default: 'field',
	},
	{
		displayName: 'Amount Field',
		name: 'costField',
		type: 'string',
		requiresDataPath: 'single',
		displayOptions: showFor({ costSource: ['field'] }),
		default: 'dealValue',
		placeholder: 'e.g. dealValue',
		description: 'The field with a money amount, such as the deal value. Drag a field from the input here.',
	},
	{
		displayName: 'Multiply By',
		name: 'costMultiplier',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 4 },
		displayOptions: showFor({ costSource: ['field'] }),
		default: 1,
		description:
			'The share of the amount a one-hour delay loses, e.g. 0.1 when a lead loses 10% of its value per hour of waiting. Keep 1 when the field already holds the cost. Can differ per item: map a field of the item here (a node of version 1 reads it once, from the first item).',
	},
	{
		displayName: 'Cost of a One-Hour Delay',
		name: 'costExpression',
		type: 'number',
		displayOptions: showFor({ costSource: ['expression'] }),
		default: 0,
		description: "Switch to Expression and compute the money a one-hour delay loses from the item's fields; it is evaluated for each item",
		hint: 'e.g. {{ $json.dealValue * $json.lossPerHour }}',
	},
	{
		displayName: 'Real-Time From',
		name: 'costThreshold',
		type: 'number',
		typeOptions: { minValue: 0 },
		displayOptions: showFor(),
		default: 100,
		description:
			'Items whose one-hour delay costs at least this amount go to Real-Time; the rest wait for the batch run. Can differ per item: map a field of the item here (a node of version 1 reads it once, from the first item).',
	},
];
