import { IANAZone } from 'luxon';

import { InvalidSettingError } from '../errors';
import type { Result } from '../result';
import { nextCronRun, parseCron, type CronFields } from './cron';

/**
 * When the batch workflow runs. The three kinds mirror n8n's Schedule Trigger, so an operator can
 * copy the same setting into both: a daily time, an interval, or a cron expression.
 */
export type BatchSchedule =
	| { kind: 'daily'; time: string }
	| { kind: 'interval'; every: number; unit: 'minutes' | 'hours' }
	| { kind: 'cron'; expression: string };

export interface CompiledSchedule {
	readonly zone: string;
	readonly description: string;
	nextRunAfter(epochMs: number): number;
}

export function compileSchedule(schedule: BatchSchedule, zone: string): CompiledSchedule {
	if (!IANAZone.isValidZone(zone)) {
		throw new InvalidSettingError('Timezone', `"${zone}" is not a known timezone; use a name such as "Europe/Berlin", "America/New_York" or "UTC"`);
	}
	const { fields, description, parameter } = toCron(schedule);
	return {
		zone,
		description,
		nextRunAfter(epochMs) {
			const next = nextCronRun(fields, epochMs, zone);
			if (next === undefined) {
				throw new InvalidSettingError(parameter, `The batch schedule (${description}) never runs: no date matches it`);
			}
			return next;
		},
	};
}

function toCron(schedule: BatchSchedule): { fields: CronFields; description: string; parameter: string } {
	switch (schedule.kind) {
		case 'daily': {
			const match = /^(\d{1,2}):(\d{2})$/.exec(schedule.time.trim());
			const hour = match ? Number(match[1]) : -1;
			const minute = match ? Number(match[2]) : -1;
			if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
				throw new InvalidSettingError('Run At', `"${schedule.time}" is not a time of day; write it as HH:MM in 24-hour time, e.g. 06:00`);
			}
			return {
				fields: expectValid(parseCron(`${minute} ${hour} * * *`)),
				description: `every day at ${schedule.time.trim()}`,
				parameter: 'Run At',
			};
		}
		case 'interval': {
			const limit = schedule.unit === 'minutes' ? 59 : 23;
			const every = schedule.every;
			if (!Number.isInteger(every) || every < 1 || every > limit) {
				throw new InvalidSettingError(
					'Run Every',
					`An interval of ${every} ${schedule.unit} is not supported: use 1 to ${limit} ${schedule.unit}, or a cron expression`,
				);
			}
			// Same clock alignment as the Schedule Trigger: */N in the minute or hour field.
			const expression = schedule.unit === 'minutes' ? `*/${every} * * * *` : `0 */${every} * * *`;
			return {
				fields: expectValid(parseCron(expression)),
				description: `every ${every} ${schedule.unit}`,
				parameter: 'Run Every',
			};
		}
		case 'cron': {
			const parsed = parseCron(schedule.expression);
			if (!parsed.ok) throw new InvalidSettingError('Cron Expression', parsed.problem);
			return {
				fields: parsed.value,
				description: `cron "${schedule.expression.trim()}"`,
				parameter: 'Cron Expression',
			};
		}
	}
}

/** For expressions this module builds itself from already validated numbers. */
function expectValid(parsed: Result<CronFields>): CronFields {
	if (!parsed.ok) throw new Error(`Internal error: ${parsed.problem}`);
	return parsed.value;
}
