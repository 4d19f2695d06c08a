/**
 * The batch schedule at its edges (schedule/cron.ts, batchSchedule.ts): every boundary of times of
 * day, intervals and cron fields, lists out of order, steps from a value, names, wildcards in the
 * weekday field, the search for the next run around daylight saving and month ends.
 */
import { compileSchedule } from '../../nodes/shared/schedule/batchSchedule';
import { nextCronRun, parseCron } from '../../nodes/shared/schedule/cron';

const at = (iso: string) => Date.parse(iso);
const next = (expression: string, afterIso: string, zone = 'UTC') => {
	const parsed = parseCron(expression);
	if (!parsed.ok) throw new Error(parsed.problem);
	const run = nextCronRun(parsed.value, at(afterIso), zone);
	return run === undefined ? undefined : new Date(run).toISOString();
};
const problemOf = (expression: string) => {
	const parsed = parseCron(expression);
	return parsed.ok ? undefined : parsed.problem;
};
const settingError = (work: () => unknown) => {
	try {
		work();
	} catch (error) {
		return `${(error as { parameter?: string }).parameter}: ${(error as Error).message}`;
	}
	return 'no error';
};

describe('daily time', () => {
	it.each(['00:00', '0:00', '23:59', '6:05', ' 06:00 '])('%j is a time', (time) => {
		expect(() => compileSchedule({ kind: 'daily', time }, 'UTC')).not.toThrow();
	});
	it.each(['24:00', '23:60', '-1:00', '6', '06:0', '06:000', 'x06:00', '06:00x', '123:00', ''])('%j is not', (time) => {
		expect(settingError(() => compileSchedule({ kind: 'daily', time }, 'UTC'))).toBe(
			`Run At: "${time}" is not a time of day; write it as HH:MM in 24-hour time, e.g. 06:00`,
		);
	});
	it('runs at that time, and says so', () => {
		const schedule = compileSchedule({ kind: 'daily', time: ' 6:05 ' }, 'UTC');
		expect(schedule.description).toBe('every day at 6:05');
		expect(new Date(schedule.nextRunAfter(at('2026-12-01T06:04:59Z'))).toISOString()).toBe('2026-12-01T06:05:00.000Z');
		expect(new Date(schedule.nextRunAfter(at('2026-12-01T06:05:00Z'))).toISOString()).toBe('2026-12-02T06:05:00.000Z');
		expect(new Date(compileSchedule({ kind: 'daily', time: '00:00' }, 'UTC').nextRunAfter(at('2026-12-01T23:59:59Z'))).toISOString()).toBe(
			'2026-12-02T00:00:00.000Z',
		);
	});
});

describe('interval', () => {
	it.each<[number, 'minutes' | 'hours']>([
		[1, 'minutes'],
		[59, 'minutes'],
		[1, 'hours'],
		[23, 'hours'],
	])('every %d %s is allowed', (every, unit) => {
		expect(compileSchedule({ kind: 'interval', every, unit }, 'UTC').description).toBe(`every ${every} ${unit}`);
	});
	it.each<[number, 'minutes' | 'hours', number]>([
		[0, 'minutes', 59],
		[60, 'minutes', 59],
		[0, 'hours', 23],
		[24, 'hours', 23],
		[1.5, 'minutes', 59],
		[-1, 'hours', 23],
	])('every %d %s is not', (every, unit, limit) => {
		expect(settingError(() => compileSchedule({ kind: 'interval', every, unit }, 'UTC'))).toBe(
			`Run Every: An interval of ${every} ${unit} is not supported: use 1 to ${limit} ${unit}, or a cron expression`,
		);
	});
	it('aligns to the clock as the Schedule Trigger does', () => {
		expect(new Date(compileSchedule({ kind: 'interval', every: 15, unit: 'minutes' }, 'UTC').nextRunAfter(at('2026-12-01T10:07:00Z'))).toISOString()).toBe(
			'2026-12-01T10:15:00.000Z',
		);
		expect(new Date(compileSchedule({ kind: 'interval', every: 6, unit: 'hours' }, 'UTC').nextRunAfter(at('2026-12-01T10:07:00Z'))).toISOString()).toBe(
			'2026-12-01T12:00:00.000Z',
		);
	});
});

describe('cron expressions', () => {
	it('five or six fields, any whitespace between them', () => {
		expect(next('0 6 * * *', '2026-12-01T00:00:00Z')).toBe('2026-12-01T06:00:00.000Z');
		expect(next('30 0 6 * * *', '2026-12-01T00:00:00Z')).toBe('2026-12-01T06:00:30.000Z');
		expect(next(' 0\t6  * *   * ', '2026-12-01T00:00:00Z')).toBe('2026-12-01T06:00:00.000Z');
		expect(problemOf('0 6 * *')).toBe('"0 6 * *" has 4 fields; a cron expression has 5 (minute hour day month weekday) or 6 (with seconds first)');
		expect(problemOf('0 0 6 * * * *')).toMatch(/^"0 0 6 \* \* \* \*" has 7 fields;/);
	});

	it('the description shows the expression as typed, trimmed', () => {
		expect(compileSchedule({ kind: 'cron', expression: ' 0 6 * * 1 ' }, 'UTC').description).toBe('cron "0 6 * * 1"');
		expect(settingError(() => compileSchedule({ kind: 'cron', expression: '0 25 * * *' }, 'UTC'))).toMatch(/^Cron Expression: /);
	});

	it('lists out of order run in time order', () => {
		expect(next('0 18,6,12 * * *', '2026-12-01T07:00:00Z')).toBe('2026-12-01T12:00:00.000Z');
		expect(next('45,15 * * * *', '2026-12-01T07:20:00Z')).toBe('2026-12-01T07:45:00.000Z');
	});

	it('a step from a value runs from that value to the end of the field', () => {
		expect(next('0 20/2 * * *', '2026-12-01T21:00:00Z')).toBe('2026-12-01T22:00:00.000Z');
		expect(next('0 20/2 * * *', '2026-12-01T22:00:00Z')).toBe('2026-12-02T20:00:00.000Z');
		expect(next('0 1-5/2 * * *', '2026-12-01T02:00:00Z')).toBe('2026-12-01T03:00:00.000Z');
	});

	it('ranges, names, Sunday as 0 or 7, wildcards ? and *', () => {
		// 1 December 2026 is a Tuesday.
		expect(next('0 6 * * MON-FRI', '2026-12-05T00:00:00Z')).toBe('2026-12-07T06:00:00.000Z');
		expect(next('0 6 * * sun', '2026-12-01T00:00:00Z')).toBe('2026-12-06T06:00:00.000Z');
		expect(next('0 6 * * 7', '2026-12-01T00:00:00Z')).toBe('2026-12-06T06:00:00.000Z');
		expect(next('0 6 * * 0', '2026-12-01T00:00:00Z')).toBe('2026-12-06T06:00:00.000Z');
		expect(next('0 6 ? * *', '2026-12-01T07:00:00Z')).toBe('2026-12-02T06:00:00.000Z');
		expect(next('0 6 1 JAN *', '2026-12-01T00:00:00Z')).toBe('2027-01-01T06:00:00.000Z');
		// A weekday wildcard covers every day once, not Sunday twice.
		expect(next('0 6 * * */1', '2026-12-05T07:00:00Z')).toBe('2026-12-06T06:00:00.000Z');
	});

	it('both day fields restricted: a day matching either runs', () => {
		// The 15th, or any Monday.
		expect(next('0 6 15 * MON', '2026-12-08T07:00:00Z')).toBe('2026-12-14T06:00:00.000Z');
		expect(next('0 6 15 * MON', '2026-12-14T07:00:00Z')).toBe('2026-12-15T06:00:00.000Z');
	});

	it.each([
		['60 * * * *', 'minute'],
		['* 24 * * *', 'hour'],
		['* * 0 * *', 'day of month'],
		['* * 32 * *', 'day of month'],
		['* * * 13 *', 'month'],
		['* * * * 8', 'day of week'],
		['*/0 * * * *', 'minute'],
		['1/2/3 * * * *', 'minute'],
		[',5 * * * *', 'minute'],
		['5-1 * * * *', 'minute'],
		['1- * * * *', 'minute'],
		['a * * * *', 'minute'],
		['1a * * * *', 'minute'],
		['a1 * * * *', 'minute'],
		['-1 * * * *', 'minute'],
		['* * * FOO *', 'month'],
	])('%j is wrong in its %s field', (expression, field) => {
		expect(problemOf(expression)).toMatch(new RegExp(`\\b${field}\\b`));
	});

	it('the problem names the field, its range, and names where the field has them', () => {
		expect(problemOf('* * * 13 *')).toContain('JAN');
		expect(problemOf('60 * * * *')).not.toContain('names such as');
	});
});

describe('the next run', () => {
	it('strictly after the time given, never the same instant', () => {
		expect(next('0 6 * * *', '2026-12-01T06:00:00Z')).toBe('2026-12-02T06:00:00.000Z');
		expect(next('0 6 * * *', '2026-12-01T05:59:59.999Z')).toBe('2026-12-01T06:00:00.000Z');
	});

	it('in the zone, across a daylight saving change: 02:30 on the day it does not exist runs an hour on, at 03:30', () => {
		expect(next('30 2 * * *', '2026-03-28T12:00:00Z', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
		expect(next('30 2 * * *', '2026-03-29T12:00:00Z', 'Europe/Berlin')).toBe('2026-03-30T00:30:00.000Z');
		expect(next('0 6 * * *', '2026-03-28T12:00:00Z', 'Europe/Berlin')).toBe('2026-03-29T04:00:00.000Z');
	});

	it('the 31st runs only in months that have one; 29 February waits for a leap year', () => {
		expect(next('0 6 31 * *', '2026-11-01T00:00:00Z')).toBe('2026-12-31T06:00:00.000Z');
		expect(next('0 6 29 2 *', '2026-03-01T00:00:00Z')).toBe('2028-02-29T06:00:00.000Z');
	});

	it('a date that never comes (30 February) is an error naming the setting', () => {
		const schedule = compileSchedule({ kind: 'cron', expression: '0 6 30 2 *' }, 'UTC');
		expect(settingError(() => schedule.nextRunAfter(at('2026-12-01T00:00:00Z')))).toBe(
			'Cron Expression: The batch schedule (cron "0 6 30 2 *") never runs: no date matches it',
		);
	});

	it('an unknown timezone is an error naming the setting', () => {
		expect(settingError(() => compileSchedule({ kind: 'daily', time: '06:00' }, 'Mars/Base'))).toBe(
			'Timezone: "Mars/Base" is not a known timezone; use a name such as "Europe/Berlin", "America/New_York" or "UTC"',
		);
	});
});
