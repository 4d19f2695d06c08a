import type { Aggregation } from '../../shared/health/series';
import type { Condition } from '../../shared/health/thresholds';
import { settingFieldReader } from '../../shared/values/fieldPath';
import { SAME_FOR_EVERY_SERIES, type CheckTypeEntry } from './checkType';

const ABOVE_OR_BELOW = { show: { condition: ['above', 'below', 'changeAbove'] } };
const OUTSIDE_RANGE = { show: { condition: ['outsideRange'] } };

export const metric: CheckTypeEntry = {
	option: { name: 'Metric Threshold', description: 'Any number in the items against thresholds you set' },
	fields: [
		{
			displayName: 'Combine Items By',
			name: 'aggregation',
			type: 'options',
			options: [
				{ name: 'Average', value: 'average' },
				{ name: 'Count of Items', value: 'count' },
				{ name: 'Last Value', value: 'last' },
				{ name: 'Maximum', value: 'max' },
				{ name: 'Minimum', value: 'min' },
				{ name: 'Sum', value: 'sum' },
			],
			default: 'last',
			description: 'How several items of one series make one value',
		},
		{
			displayName: 'Condition',
			name: 'condition',
			type: 'options',
			options: [
				{ name: 'Above', value: 'above' },
				{ name: 'Below', value: 'below' },
				{ name: 'Changed by More Than (%)', value: 'changeAbove', description: 'Change since the previous run, up or down' },
				{ name: 'Outside a Range', value: 'outsideRange' },
			],
			default: 'above',
		},
		{ displayName: 'Critical Threshold', name: 'critical', type: 'number', hint: SAME_FOR_EVERY_SERIES, displayOptions: ABOVE_OR_BELOW, default: 90 },
		{ displayName: 'High', name: 'high', type: 'number', hint: SAME_FOR_EVERY_SERIES, displayOptions: OUTSIDE_RANGE, default: 100 },
		{ displayName: 'Low', name: 'low', type: 'number', hint: SAME_FOR_EVERY_SERIES, displayOptions: OUTSIDE_RANGE, default: 0 },
		{
			displayName: 'Metric Field',
			name: 'metricField',
			type: 'string',
			requiresDataPath: 'single',
			default: 'value',
			description: 'The number to watch. Drag a field from the input here.',
		},
		{ displayName: 'Warning Threshold', name: 'warning', type: 'number', hint: SAME_FOR_EVERY_SERIES, displayOptions: ABOVE_OR_BELOW, default: 80 },
	],
	read: ({ raw, name, options, numbers, parameter, number, thresholds }) => {
		const condition = (raw.condition as Condition | undefined) ?? 'above';
		const metricField = String(raw.metricField ?? '');
		return {
			label: metricField || name,
			unit: condition === 'changeAbove' ? '%' : '',
			source: {
				kind: 'metric',
				read: settingFieldReader(metricField, parameter('Metric Field')),
				field: metricField,
				aggregation: (raw.aggregation as Aggregation | undefined) ?? 'last',
				numbers,
			},
			thresholds: thresholds(
				condition === 'outsideRange'
					? { condition, low: number('low'), high: number('high'), rangeSeverity: (options.rangeSeverity as 'warning' | 'critical' | undefined) ?? 'critical' }
					: { condition, warning: number('warning'), critical: number('critical') },
			),
		};
	},
};
