import type { INodeProperties } from 'n8n-workflow';

export const modeProperty: INodeProperties = {
	displayName: 'Decide By',
	name: 'mode',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Cost of Delay',
			value: 'costOfDelay',
			description: 'Real-Time when a one-hour delay costs at least a threshold amount',
		},
		{
			name: 'Deadline',
			value: 'deadline',
			description: 'Real-Time when the item is due before the next batch run',
		},
		{
			name: 'Rules',
			value: 'rules',
			description: 'Ready-made and custom rules answer "what does a one-hour delay cost?"; the first match wins',
		},
	],
	default: 'rules',
	description: 'How each item is judged. Every item leaves on exactly one output.',
};
