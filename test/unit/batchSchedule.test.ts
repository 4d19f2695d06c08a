import { InvalidSettingError } from '../../nodes/shared/errors';
import { compileSchedule, type BatchSchedule } from '../../nodes/shared/schedule/batchSchedule';

const at = (iso: string) => Date.parse(iso);
const iso = (epoch: number) => new Date(epoch).toISOString();

function settingError(run: () => unknown): InvalidSettingError {
	let thrown: unknown;
	try {
		run();
	} catch (error) {
		thrown = error;
	}
	expect(thrown).toBeInstanceOf(InvalidSettingError);
	return thrown as InvalidSettingError;
}

describe('compileSchedule', () => {
	it('turns a daily time into the next run in the timezone', () => {
		const schedule = compileSchedule({ kind: 'daily', time: '06:00' }, 'Europe/Berlin');
		expect(iso(schedule.nextRunAfter(at('2026-11-27T10:00:00Z')))).toBe('2026-11-28T05:00:00.000Z');
		expect(schedule.description).toBe('every day at 06:00');
	});

	it('aligns intervals to the clock, as the Schedule Trigger does', () => {
		const minutes = compileSchedule({ kind: 'interval', every: 15, unit: 'minutes' }, 'UTC');
		expect(iso(minutes.nextRunAfter(at('2026-11-27T10:07:00Z')))).toBe('2026-11-27T10:15:00.000Z');
		const hours = compileSchedule({ kind: 'interval', every: 6, unit: 'hours' }, 'UTC');
		expect(iso(hours.nextRunAfter(at('2026-11-27T10:07:00Z')))).toBe('2026-11-27T12:00:00.000Z');
	});

	it.each<[BatchSchedule, string, string]>([
		[{ kind: 'daily', time: '25:00' }, 'Run At', 'HH:MM'],
		[{ kind: 'daily', time: '6am' }, 'Run At', 'HH:MM'],
		[{ kind: 'interval', every: 90, unit: 'minutes' }, 'Run Every', '1 to 59 minutes'],
		[{ kind: 'interval', every: 0, unit: 'hours' }, 'Run Every', '1 to 23 hours'],
		[{ kind: 'cron', expression: '0 6 * *' }, 'Cron Expression', 'has 4 fields'],
	])('rejects %j naming the parameter %s', (schedule, parameter, hint) => {
		const error = settingError(() => compileSchedule(schedule, 'UTC'));
		expect(error.parameter).toBe(parameter);
		expect(error.message).toContain(hint);
	});

	it('rejects an unknown timezone', () => {
		const error = settingError(() => compileSchedule({ kind: 'daily', time: '06:00' }, 'Mars/Olympus'));
		expect(error.parameter).toBe('Timezone');
		expect(error.message).toContain('"Mars/Olympus" is not a known timezone');
	});

	it('says so when a cron schedule never runs', () => {
		const schedule = compileSchedule({ kind: 'cron', expression: '0 0 31 2 *' }, 'UTC');
		const error = settingError(() => schedule.nextRunAfter(at('2026-11-27T10:00:00Z')));
		expect(error.parameter).toBe('Cron Expression');
		expect(error.message).toContain('never runs');
	});
});
