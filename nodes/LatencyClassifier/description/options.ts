import type { INodeProperties } from 'n8n-workflow';

export const DEFAULT_DECISION_FIELD = 'latency';

export const optionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Add Decision Record',
			name: 'includeDecision',
			type: 'boolean',
			default: true,
			description: 'Whether to add a field saying which route was taken, what decided it and why (and, for Batch items, when the next batch run is)',
		},
		{
			displayName: 'Case Sensitive',
			name: 'caseSensitive',
			type: 'boolean',
			displayOptions: { show: { '/mode': ['rules'] } },
			default: false,
			description: 'Whether custom rules compare text with exact upper and lower case',
		},
		{
			displayName: 'Decision Field Name',
			name: 'decisionField',
			type: 'string',
			default: DEFAULT_DECISION_FIELD,
			description: 'Name of the field that holds the decision record (used when Add Decision Record is on)',
		},
		{
			displayName: 'Required Fields',
			name: 'requiredFields',
			type: 'string',
			default: '',
			placeholder: 'e.g. body.eventType, body.email',
			description:
				'Fields every item must have, separated by commas (dot notation for nested fields). An item missing one, or with it empty, is bad input: the node stops with an error naming the item and the field, or, with Settings › On Error set to continue, passes the item on with its error (to the error output, if you chose one) instead of routing it.',
		},
	],
};
