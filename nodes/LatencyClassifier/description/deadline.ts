import type { INodeProperties } from 'n8n-workflow';

const showFor = { show: { mode: ['deadline'] } };

export const deadlineProperties: INodeProperties[] = [
	{
		displayName: 'Due Date Field',
		name: 'deadlineField',
		type: 'string',
		requiresDataPath: 'single',
		displayOptions: showFor,
		default: 'dueAt',
		placeholder: 'e.g. dueAt',
		description: 'The field saying when the item is due: ISO 8601 (2026-11-27T18:00:00Z) or a Unix timestamp. Drag a field from the input here.',
	},
	{
		displayName: 'Safety Margin (Minutes)',
		name: 'marginMinutes',
		type: 'number',
		typeOptions: { minValue: 0 },
		displayOptions: showFor,
		default: 0,
		description:
			'Also send items due up to this many minutes after the next batch run to Real-Time, since a batch run takes time to finish. Can differ per item: map a field of the item here (a node of version 1 reads it once, from the first item).',
	},
];
