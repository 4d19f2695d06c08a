import type { INodeProperties } from 'n8n-workflow';

import { minIntervalOption, recoveryMarginOption } from '../../common/alertOptions';
import { CHECK_TYPE_FIELDS, CHECK_TYPE_OPTIONS, REQUESTING_CHECK_TYPES } from '../checkTypes';

/** The fields every check has; each check type adds its own (checkTypes/). */
const COMMON_FIELDS: INodeProperties[] = [
	{
		displayName: 'Check Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'e.g. Checkout payments',
		description: 'Unique per node: the saved state of the check is kept under this name',
	},
	{
		displayName: 'Check Type',
		name: 'checkType',
		type: 'options',
		options: CHECK_TYPE_OPTIONS,
		default: 'metric',
	},
	{
		displayName: 'Series Field',
		name: 'seriesField',
		type: 'string',
		requiresDataPath: 'single',
		displayOptions: { hide: { checkType: REQUESTING_CHECK_TYPES } },
		default: '',
		placeholder: 'e.g. campaign',
		description: 'Optional: one series per value of this field (campaign, service, region), each with its own state',
	},
	{
		displayName: 'When to Alert (Options)',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Alert After (Minutes)',
				name: 'pendingMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'The condition must hold this long before it alerts (pending until then)',
			},
			{
				displayName: 'Alert After (Runs)',
				name: 'pendingRuns',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 1,
				description: 'The condition must hold for this many runs in a row before it alerts',
			},
			{
				displayName: 'Alert on No Data',
				name: 'alertOnNoData',
				type: 'boolean',
				default: false,
				description:
					'Whether a series that stops reporting alerts as "no data" (e.g. no leads at all) instead of resolving its alert. For a check without a series field, turn on Always Output Data on the node before, so a run without items still reaches this node.',
			},
			minIntervalOption('Minutes', 'series'),
			recoveryMarginOption(
				'A firing series drops a level only once its value is this far back past the threshold (10: a warning at 100 recovers below 90), so a value hovering at a threshold does not flap. 0: recover as soon as the threshold is passed.',
			),
			{
				displayName: 'Remind Every (Minutes)',
				name: 'renotifyMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'Alert again while the check keeps failing. 0 never reminds.',
			},
			{
				displayName: 'Series Missing After (Minutes)',
				name: 'missingMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 60,
				description:
					'A firing series that has not reported for this long is gone: its alert resolves, or alerts "no data" when Alert on No Data is on. Reminders stop while it is missing.',
			},
			{
				displayName: 'Severity Outside the Range',
				name: 'rangeSeverity',
				type: 'options',
				options: [
					{ name: 'Critical', value: 'critical' },
					{ name: 'Warning', value: 'warning' },
				],
				default: 'critical',
			},
			{
				displayName: 'Timezone',
				name: 'timezone',
				type: 'string',
				default: '',
				placeholder: 'e.g. America/New_York',
				description: "For budget pacing: the day's start. Empty: the workflow's timezone.",
			},
		],
	},
];

const byDisplayName = (a: INodeProperties, b: INodeProperties) => a.displayName.localeCompare(b.displayName);

/** One entry per check; each type shows only the fields it needs, with defaults that make sense. */
export const checksProperty: INodeProperties = {
	displayName: 'Checks',
	name: 'checks',
	placeholder: 'Add Check',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, sortable: true },
	default: {},
	description: 'Each check is evaluated on every run; its state per series is kept between runs',
	options: [
		{
			name: 'check',
			displayName: 'Check',
			// Alphabetical, as n8n's rules want; the names keep the name and type first and the options last.
			values: [...COMMON_FIELDS, ...CHECK_TYPE_FIELDS].sort(byDisplayName),
		},
	],
};
