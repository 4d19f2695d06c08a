import { settingFieldReader } from '../../shared/values/fieldPath';
import { listOf } from '../../shared/values/text';
import { SAME_FOR_EVERY_SERIES, type CheckTypeEntry } from './checkType';

export const paymentFailures: CheckTypeEntry = {
	option: { name: 'Payment Failure Rate', description: 'Failed payments over all payments in the items' },
	fields: [
		{
			displayName: 'Failed Statuses',
			name: 'failedStatuses',
			type: 'string',
			default: 'failed, declined, error',
			description: 'Status values that count as a failed payment, comma-separated',
		},
		{ displayName: 'Failure Rate Critical (%)', name: 'failureCritical', type: 'number', hint: SAME_FOR_EVERY_SERIES, default: 10 },
		{ displayName: 'Failure Rate Warning (%)', name: 'failureWarning', type: 'number', hint: SAME_FOR_EVERY_SERIES, default: 5 },
		{
			displayName: 'Minimum Payments',
			name: 'minPayments',
			type: 'number',
			hint: SAME_FOR_EVERY_SERIES,
			typeOptions: { minValue: 1 },
			default: 20,
			description: 'Fewer payments than this are not judged: 1 failure in 3 payments is not a 33% outage',
		},
		{ displayName: 'Status Field', name: 'statusField', type: 'string', requiresDataPath: 'single', default: 'status' },
	],
	read: ({ raw, parameter, number, thresholds }) => ({
		label: 'Payment failure rate',
		unit: '%',
		source: {
			kind: 'paymentFailures',
			status: settingFieldReader(String(raw.statusField ?? ''), parameter('Status Field')),
			statusField: String(raw.statusField ?? ''),
			failed: new Set(listOf(raw.failedStatuses ?? '').map((status) => status.toLowerCase())),
			minTotal: number('minPayments') ?? 1,
		},
		thresholds: thresholds({ condition: 'above', warning: number('failureWarning'), critical: number('failureCritical') }),
	}),
};
