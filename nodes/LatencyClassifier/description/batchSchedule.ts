import type { INodeProperties } from 'n8n-workflow';

export const batchScheduleProperties: INodeProperties[] = [
	{
		displayName: 'Batch Runs',
		name: 'scheduleKind',
		type: 'options',
		options: [
			{ name: 'At an Interval', value: 'interval' },
			{ name: 'Every Day at a Time', value: 'daily' },
			{ name: 'On a Cron Schedule', value: 'cron' },
		],
		default: 'daily',
		description: 'When your Schedule-triggered batch workflow runs. Batch items record the next run; Deadline mode compares due dates with it.',
	},
	{
		displayName: 'Run At',
		name: 'runAt',
		type: 'string',
		displayOptions: { show: { scheduleKind: ['daily'] } },
		default: '06:00',
		placeholder: 'HH:MM',
		description: 'Time of day in 24-hour format',
	},
	{
		displayName: 'Run Every',
		name: 'runEvery',
		type: 'number',
		typeOptions: { minValue: 1 },
		displayOptions: { show: { scheduleKind: ['interval'] } },
		default: 1,
	},
	{
		displayName: 'Unit',
		name: 'runEveryUnit',
		type: 'options',
		displayOptions: { show: { scheduleKind: ['interval'] } },
		options: [
			{ name: 'Hours', value: 'hours' },
			{ name: 'Minutes', value: 'minutes' },
		],
		default: 'hours',
	},
	{
		displayName: 'Cron Expression',
		name: 'cronExpression',
		type: 'string',
		displayOptions: { show: { scheduleKind: ['cron'] } },
		default: '0 6 * * *',
		placeholder: 'e.g. 0 6 * * 1-5',
		description: 'Minute, hour, day of month, month, day of week (optionally seconds first), as in the Schedule Trigger',
	},
	{
		displayName: 'Timezone',
		name: 'timezone',
		type: 'string',
		default: '',
		placeholder: 'e.g. Europe/Berlin',
		description: "Timezone of the batch runs and of due dates written without an offset. Leave empty to use the workflow's timezone.",
	},
];
