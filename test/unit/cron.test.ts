import { nextCronRun, parseCron, type CronFields } from '../../nodes/shared/schedule/cron';

function parsed(expression: string): CronFields {
	const result = parseCron(expression);
	if (!result.ok) throw new Error(result.problem);
	return result.value;
}

const next = (expression: string, after: string, zone = 'UTC') => {
	const run = nextCronRun(parsed(expression), Date.parse(after), zone);
	return run === undefined ? undefined : new Date(run).toISOString();
};

describe('parseCron', () => {
	it.each([
		['61 * * * *', 'minute'],
		['* 24 * * *', 'hour'],
		['* * 0 * *', 'day of month'],
		['* * * 13 *', 'month'],
		['* * * * 8', 'day of week'],
		['*/0 * * * *', 'minute'],
		['5-1 * * * *', 'minute'],
		['a * * * *', 'minute'],
	])('rejects %s and names the %s field', (expression, field) => {
		const result = parseCron(expression);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.problem).toContain(`valid ${field} field`);
	});

	it('says how many fields a cron expression needs', () => {
		const result = parseCron('0 6 * *');
		expect(result).toEqual({ ok: false, problem: expect.stringContaining('has 4 fields') });
	});

	it('reads lists, ranges, steps and names', () => {
		const fields = parsed('0,30 9-17/4 * JAN-MAR MON-FRI');
		expect(fields.minutes).toEqual([0, 30]);
		expect(fields.hours).toEqual([9, 13, 17]);
		expect([...fields.months].sort()).toEqual([1, 2, 3]);
		expect([...fields.daysOfWeek].sort()).toEqual([1, 2, 3, 4, 5]);
	});

	it('treats day of week 7 as Sunday', () => {
		expect([...parsed('0 0 * * 7').daysOfWeek]).toEqual([0]);
	});
});

describe('nextCronRun', () => {
	it('finds the next daily run, strictly after the given time', () => {
		expect(next('0 6 * * *', '2026-11-27T10:00:00Z')).toBe('2026-11-28T06:00:00.000Z');
		expect(next('0 6 * * *', '2026-11-28T06:00:00Z')).toBe('2026-11-29T06:00:00.000Z');
		expect(next('0 6 * * *', '2026-11-28T05:59:59Z')).toBe('2026-11-28T06:00:00.000Z');
	});

	it('reads the schedule in the given timezone', () => {
		// 06:00 in Berlin is 05:00 UTC in winter
		expect(next('0 6 * * *', '2026-11-27T10:00:00Z', 'Europe/Berlin')).toBe('2026-11-28T05:00:00.000Z');
		// 10:00 UTC is 05:00 in New York, so its 06:00 run is still ahead on the same day
		expect(next('0 6 * * *', '2026-11-27T10:00:00Z', 'America/New_York')).toBe('2026-11-27T11:00:00.000Z');
	});

	it('skips the weekend for a weekday schedule', () => {
		// 2026-11-27 is a Friday: the next weekday run is Monday 30 November
		expect(next('*/15 9-17 * * 1-5', '2026-11-27T17:50:00Z')).toBe('2026-11-30T09:00:00.000Z');
	});

	it('runs on a day matching either day field when both are restricted', () => {
		// "on the 13th, or on Fridays": after Friday 27 November comes Friday 4 December, before the 13th
		expect(next('0 9 13 * 5', '2026-11-27T10:00:00Z')).toBe('2026-12-04T09:00:00.000Z');
		expect(next('0 9 13 * *', '2026-11-27T10:00:00Z')).toBe('2026-12-13T09:00:00.000Z');
	});

	it('honours a seconds field', () => {
		expect(next('30 0 6 * * *', '2026-11-27T10:00:00Z')).toBe('2026-11-28T06:00:30.000Z');
	});

	it('still runs once on the day a daylight-saving jump skips the time', () => {
		// New York skips 02:00-03:00 on Sunday 8 March 2026; the 02:30 run happens at 03:30 EDT (07:30 UTC)
		expect(next('30 2 * * *', '2026-03-08T05:00:00Z', 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
		expect(next('30 2 * * *', '2026-03-08T07:30:00Z', 'America/New_York')).toBe('2026-03-09T06:30:00.000Z');
	});

	it('runs once, not twice, when the clocks go back', () => {
		// New York repeats 01:00-02:00 on Sunday 1 November 2026; 01:30 is read as the second one (EST)
		expect(next('30 1 * * *', '2026-11-01T05:00:00Z', 'America/New_York')).toBe('2026-11-01T06:30:00.000Z');
		expect(next('30 1 * * *', '2026-11-01T06:30:00Z', 'America/New_York')).toBe('2026-11-02T06:30:00.000Z');
	});

	it('finds a leap day years ahead, and nothing for a date that never exists', () => {
		expect(next('0 0 29 2 *', '2026-11-27T10:00:00Z')).toBe('2028-02-29T00:00:00.000Z');
		expect(next('0 0 31 2 *', '2026-11-27T10:00:00Z')).toBeUndefined();
	});
});
