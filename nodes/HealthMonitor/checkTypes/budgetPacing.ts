import { IANAZone } from 'luxon';

import { InvalidSettingError } from '../../shared/errors';
import { settingFieldReader } from '../../shared/values/fieldPath';
import { SAME_FOR_EVERY_SERIES, type CheckTypeEntry } from './checkType';

export const budgetPacing: CheckTypeEntry = {
	option: { name: 'Budget Pacing', description: 'Spend against the daily budget times the share of the day gone by' },
	fields: [
		{
			displayName: 'Daily Budget Field',
			name: 'budgetField',
			type: 'string',
			requiresDataPath: 'single',
			default: 'dailyBudget',
			description: 'The daily budget',
		},
		{ displayName: 'Pacing Critical (%)', name: 'pacingCritical', type: 'number', hint: SAME_FOR_EVERY_SERIES, default: 150 },
		{
			displayName: 'Pacing Warning (%)',
			name: 'pacingWarning',
			type: 'number',
			hint: SAME_FOR_EVERY_SERIES,
			default: 120,
			description: "100% is spending exactly on pace; 120% spends the day's budget by 8 PM",
		},
		{
			displayName: 'Spend Field',
			name: 'spendField',
			type: 'string',
			requiresDataPath: 'single',
			default: 'spend',
			description: "Today's spend so far",
		},
	],
	read: ({ raw, options, workflowZone, numbers, parameter, number, thresholds }) => {
		const zone = String(options.timezone ?? '').trim() || workflowZone;
		if (!IANAZone.isValidZone(zone)) throw new InvalidSettingError(parameter('Timezone'), `"${zone}" is not a known timezone`);
		return {
			label: 'Spend pacing',
			unit: '%',
			source: {
				kind: 'budgetPacing',
				spend: settingFieldReader(String(raw.spendField ?? ''), parameter('Spend Field')),
				spendField: String(raw.spendField ?? ''),
				budget: settingFieldReader(String(raw.budgetField ?? ''), parameter('Daily Budget Field')),
				budgetField: String(raw.budgetField ?? ''),
				zone,
				numbers,
			},
			thresholds: thresholds({ condition: 'above', warning: number('pacingWarning'), critical: number('pacingCritical') }),
		};
	},
};
