import type { INodeProperties } from 'n8n-workflow';

import { messageFormatProperty } from '../../common/messageFormat';

const PLACEHOLDERS = 'Placeholders: {check}, {series}, {severity}, {state}, {value}, {threshold}, {since}, {reason}';

export const messageProperties: INodeProperties[] = [
	{
		displayName: 'Alert Message',
		name: 'alertMessage',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '{severity} {check} ({series}): {reason}',
		description: PLACEHOLDERS,
	},
	{
		displayName: 'Resolved Message',
		name: 'resolvedMessage',
		type: 'string',
		typeOptions: { rows: 2 },
		default: 'RESOLVED {check} ({series}): {reason}',
		description: PLACEHOLDERS,
	},
	messageFormatProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Send OK Items',
				name: 'emitOk',
				type: 'boolean',
				default: false,
				description: 'Whether to send every series that needs no notification to the OK output (healthy, pending, or still firing and already alerted)',
			},
		],
	},
];
