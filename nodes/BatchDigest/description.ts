import type { INodeProperties } from 'n8n-workflow';

import { DIGEST_BUDGETS } from '../shared/digest/budgets';
import { messageFormatProperty } from '../common/messageFormat';

const characters = (count: number) => `${count.toLocaleString('en-US')} characters`;

export const batchDigestProperties: INodeProperties[] = [
	{
		displayName: 'Message Size',
		name: 'budget',
		type: 'options',
		options: [
			{ name: 'Slack Message', value: 'slackMessage', description: `At most ${characters(DIGEST_BUDGETS.slackMessage)}: Slack cuts longer texts` },
			{ name: 'Slack Section Block', value: 'slackSection', description: `At most ${characters(DIGEST_BUDGETS.slackSection)}, for a Block Kit section` },
			{ name: 'E-Mail', value: 'email', description: `At most ${characters(DIGEST_BUDGETS.email)}: Gmail clips longer messages` },
			{ name: 'Custom', value: 'custom' },
		],
		default: 'slackMessage',
		description: 'How long one message may be where it goes',
	},
	{
		displayName: 'Maximum Characters',
		name: 'maxCharacters',
		type: 'number',
		typeOptions: { minValue: 200 },
		default: 4000,
		displayOptions: { show: { budget: ['custom'] } },
		description: 'The most characters one message may have',
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: 'Batch digest',
		description: 'The first line of every message, in bold',
	},
	{
		displayName: 'Line',
		name: 'line',
		type: 'string',
		default: '• {eventType}: {reason}',
		required: true,
		description: 'One line per item. Put field names in braces, as {eventType} or {customer.name}; an item without one of them is an error naming it.',
	},
	messageFormatProperty,
	{
		displayName: 'ID Field',
		name: 'idField',
		requiresDataPath: 'single',
		type: 'string',
		default: 'id',
		required: true,
		description:
			"The field that identifies each item (a Data Table row's ID). Each message lists the IDs of the items it holds, so that exactly those can be deleted once it was sent.",
	},
	{
		displayName: 'When It Does Not Fit One Message',
		name: 'overflow',
		type: 'options',
		options: [
			{ name: 'Split Into Numbered Messages', value: 'split', description: 'As many messages as needed, "1/3", "2/3"...: every item is listed' },
			{
				name: 'Send the Top Lines Only',
				value: 'top',
				description: 'One message with the first lines and "… and N more"; the others go to Left Out (and stay queued)',
			},
		],
		default: 'split',
	},
	{
		displayName: 'Maximum Lines',
		name: 'maxLines',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		displayOptions: { show: { overflow: ['top'] } },
		description: 'At most this many lines in the message; 0: as many as fit',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Count By Field',
				name: 'groupField',
				requiresDataPath: 'single',
				type: 'string',
				default: '',
				placeholder: 'eventType',
				description: 'The summary counts the items per value of this field (the ten largest groups are named)',
			},
			{
				displayName: 'Money Field',
				name: 'moneyField',
				requiresDataPath: 'single',
				type: 'string',
				default: '',
				placeholder: 'amount',
				description: 'The summary adds this field up ("Money at stake: 12,345.00"); a value that is not an amount is an error naming it',
			},
			{
				displayName: 'Money Label',
				name: 'moneyLabel',
				type: 'string',
				default: 'Money at stake',
			},
			{
				displayName: 'Period Field',
				name: 'periodField',
				requiresDataPath: 'single',
				type: 'string',
				default: '',
				placeholder: 'receivedAt',
				description: 'A date field: the summary says the period the items cover, first to last',
			},
			{
				displayName: 'Sort By Field',
				name: 'sortField',
				requiresDataPath: 'single',
				type: 'string',
				default: '',
				description: 'Lines in the order of this field (numbers by value, texts alphabetically, items without it last); empty: the input order',
			},
			{
				displayName: 'Sort Descending',
				name: 'sortDescending',
				type: 'boolean',
				default: false,
				description: 'Whether to put the largest values first (with Sort By Field)',
			},
			{
				displayName: 'Timezone',
				name: 'timezone',
				type: 'string',
				default: '',
				placeholder: 'Europe/Berlin',
				description: "The timezone of the period's dates; empty: the workflow's",
			},
		],
	},
];
