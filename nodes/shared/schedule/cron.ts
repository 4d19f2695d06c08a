import { DateTime } from 'luxon';

import { failure, success, type Result } from '../result';

/**
 * Cron expressions as n8n's Schedule Trigger accepts them: five fields (minute hour day-of-month
 * month day-of-week) or six with seconds first. Lists, ranges, steps, `*` / `?`, month and weekday
 * names; day-of-week 0 and 7 are Sunday. When both day fields are restricted, a day matching either
 * one runs (classic cron behaviour).
 */
export interface CronFields {
	seconds: number[];
	minutes: number[];
	hours: number[];
	daysOfMonth: Set<number>;
	months: Set<number>;
	daysOfWeek: Set<number>;
	dayOfMonthRestricted: boolean;
	dayOfWeekRestricted: boolean;
}

interface FieldSpec {
	name: string;
	min: number;
	max: number;
	names?: string[];
}

const SECOND: FieldSpec = { name: 'second', min: 0, max: 59 };
const MINUTE: FieldSpec = { name: 'minute', min: 0, max: 59 };
const HOUR: FieldSpec = { name: 'hour', min: 0, max: 23 };
const DAY_OF_MONTH: FieldSpec = { name: 'day of month', min: 1, max: 31 };
const MONTH: FieldSpec = {
	name: 'month',
	min: 1,
	max: 12,
	names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
};
const DAY_OF_WEEK: FieldSpec = {
	name: 'day of week',
	min: 0,
	max: 7,
	names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'],
};

/** Parses an expression, or says which part of it is wrong. */
export function parseCron(expression: string): Result<CronFields> {
	const parts = expression.trim().split(/\s+/);
	if (parts.length !== 5 && parts.length !== 6) {
		return failure(`"${expression}" has ${parts.length} fields; a cron expression has 5 (minute hour day month weekday) or 6 (with seconds first)`);
	}
	const withSeconds = parts.length === 6 ? parts : ['0', ...parts];
	const specs = [SECOND, MINUTE, HOUR, DAY_OF_MONTH, MONTH, DAY_OF_WEEK];
	const values: Array<Set<number>> = [];
	for (let index = 0; index < specs.length; index++) {
		const parsed = parseField(withSeconds[index], specs[index]);
		if (!parsed) return failure(fieldProblem(withSeconds[index], specs[index]));
		values.push(parsed);
	}
	const [seconds, minutes, hours, daysOfMonth, months, daysOfWeek] = values;
	if (daysOfWeek.delete(7)) daysOfWeek.add(0);
	return success({
		seconds: sorted(seconds),
		minutes: sorted(minutes),
		hours: sorted(hours),
		daysOfMonth,
		months,
		daysOfWeek,
		dayOfMonthRestricted: !isWildcard(withSeconds[3]),
		dayOfWeekRestricted: !isWildcard(withSeconds[5]),
	});
}

function isWildcard(field: string): boolean {
	return field === '*' || field === '?';
}

function sorted(values: Set<number>): number[] {
	return [...values].sort((a, b) => a - b);
}

/** The values a field allows, or undefined when the field is not valid cron. */
function parseField(field: string, spec: FieldSpec): Set<number> | undefined {
	const values = new Set<number>();
	for (const part of field.split(',')) {
		const [range, stepText, extra] = part.split('/');
		if (extra !== undefined || range === '') return undefined;
		const step = stepText === undefined ? 1 : parseWhole(stepText);
		if (Number.isNaN(step) || step < 1) return undefined;
		let start: number;
		let end: number;
		if (isWildcard(range)) {
			start = spec.min;
			end = spec === DAY_OF_WEEK ? 6 : spec.max;
		} else if (range.includes('-')) {
			const [from, to] = range.split('-');
			start = parseValue(from, spec);
			end = parseValue(to, spec);
		} else {
			start = parseValue(range, spec);
			end = stepText === undefined ? start : spec.max;
		}
		if (Number.isNaN(start) || Number.isNaN(end) || end < start) return undefined;
		for (let value = start; value <= end; value += step) values.add(value);
	}
	return values;
}

function parseValue(text: string, spec: FieldSpec): number {
	const byName = spec.names?.indexOf(text.toUpperCase()) ?? -1;
	const value = byName >= 0 ? byName + (spec === MONTH ? 1 : 0) : parseWhole(text);
	return value < spec.min || value > spec.max ? Number.NaN : value;
}

function parseWhole(text: string): number {
	return /^\d+$/.test(text) ? Number(text) : Number.NaN;
}

function fieldProblem(field: string, spec: FieldSpec): string {
	const names = spec.names ? ` or names such as ${spec.names[0]}` : '';
	return `"${field}" is not a valid ${spec.name} field: use numbers from ${spec.min} to ${spec.max}${names}, "*", lists (1,15), ranges (1-5) and steps (*/15)`;
}

const SEARCH_DAYS = 366 * 8 + 2; // long enough for "29 February on a Monday"

/** The first time strictly after `afterMs` (epoch ms) that the expression fires, read in `zone`. */
export function nextCronRun(fields: CronFields, afterMs: number, zone: string): number | undefined {
	const start = DateTime.fromMillis(afterMs, { zone });
	let day = start.startOf('day');
	for (let offset = 0; offset < SEARCH_DAYS; offset++, day = day.plus({ days: 1 })) {
		if (!runsOnDay(fields, day.month, day.day, day.weekday % 7)) continue;
		for (const hour of fields.hours) {
			for (const minute of fields.minutes) {
				for (const second of fields.seconds) {
					const candidate = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute, second }, { zone });
					// A wall-clock time skipped by a daylight-saving jump is moved forward by luxon;
					// it still counts, once, so a daily run is never lost on the switch-over day.
					if (candidate.toMillis() > afterMs && candidate.day === day.day) return candidate.toMillis();
				}
			}
		}
	}
	return undefined;
}

/** Whether the expression runs on a day: month 1-12, day of the month 1-31, weekday 0 (Sunday) to 6. */
export function runsOnDay(fields: CronFields, month: number, dayOfMonth: number, weekday: number): boolean {
	if (!fields.months.has(month)) return false;
	const inMonth = fields.daysOfMonth.has(dayOfMonth);
	const inWeek = fields.daysOfWeek.has(weekday);
	if (fields.dayOfMonthRestricted && fields.dayOfWeekRestricted) return inMonth || inWeek;
	return inMonth && inWeek;
}
