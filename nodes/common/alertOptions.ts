import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_RECOVERY_MARGIN_PERCENT } from '../shared/alerting/hysteresis';

/** Options of the shared alert machine that the alerting nodes offer alike, in their own words. */
export function recoveryMarginOption(description: string): INodeProperties {
	return {
		displayName: 'Recovery Margin (%)',
		name: 'recoveryMarginPercent',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 99 },
		default: DEFAULT_RECOVERY_MARGIN_PERCENT,
		description,
	};
}

export function minIntervalOption(unit: 'Hours' | 'Minutes', subject: string): INodeProperties {
	return {
		displayName: `Minimum Time Between Alerts (${unit})`,
		name: `minInterval${unit}`,
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: `At most one alert per ${subject} in this time; a held alert goes out at the first run after it. Resolved messages are never held. 0: no limit.`,
	};
}
