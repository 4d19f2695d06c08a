import { SAME_FOR_EVERY_SERIES, type CheckTypeEntry } from './checkType';

export const leadVolume: CheckTypeEntry = {
	option: { name: 'Lead Volume', description: 'Number of items (leads) against the number expected' },
	fields: [
		{
			displayName: 'Expected Count',
			name: 'expectedCount',
			type: 'number',
			hint: SAME_FOR_EVERY_SERIES,
			typeOptions: { minValue: 1 },
			default: 10,
			description: 'How many items (leads) a run normally receives',
		},
		{ displayName: 'Volume Critical (% of Expected)', name: 'volumeCritical', type: 'number', hint: SAME_FOR_EVERY_SERIES, default: 20 },
		{ displayName: 'Volume Warning (% of Expected)', name: 'volumeWarning', type: 'number', hint: SAME_FOR_EVERY_SERIES, default: 50 },
	],
	read: ({ number, thresholds }) => ({
		label: 'Lead volume',
		unit: '% of expected',
		source: { kind: 'leadVolume', expected: Math.max(1, number('expectedCount') ?? 1) },
		thresholds: thresholds({ condition: 'below', warning: number('volumeWarning'), critical: number('volumeCritical') }),
	}),
};
