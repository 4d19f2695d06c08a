/**
 * The small value helpers at their edges (values/text.ts, describe.ts, instant.ts): what counts as
 * a value to compare, how a value is shown in an error, and every way a point in time arrives.
 */
import { InvalidItemValueError } from '../../nodes/shared/errors';
import { describeValue } from '../../nodes/shared/values/describe';
import { formatInstant, parseInstant } from '../../nodes/shared/values/instant';
import { listOf, textOf } from '../../nodes/shared/values/text';
import { DateTime } from 'luxon';

describe('textOf and listOf', () => {
	it('texts, numbers, booleans, bigints and dates are values; empty ones are ""', () => {
		expect(textOf('x', 'f')).toBe('x');
		expect(textOf(0, 'f')).toBe('0');
		expect(textOf(false, 'f')).toBe('false');
		expect(textOf(BigInt(12), 'f')).toBe('12');
		expect(textOf(undefined, 'f')).toBe('');
		expect(textOf(null, 'f')).toBe('');
		expect(textOf(new Date('2026-12-01T00:00:00Z'), 'f')).toBe('2026-12-01T00:00:00.000Z');
	});

	it('an object or a list (of lists) is an error naming the field', () => {
		expect(() => textOf({ a: 1 }, 'customer')).toThrow(
			expect.objectContaining({ field: 'customer', message: 'holds an object, not a value to compare; pick a field inside it' }),
		);
		expect(() => textOf([1], 'tags')).toThrow(
			expect.objectContaining({ field: 'tags', message: 'holds a list of lists, not a value to compare; pick a field inside it' }),
		);
		expect(() => textOf({}, 'x')).toThrow(InvalidItemValueError);
	});

	it('lists split on commas and new lines, trimmed, without empties; a list from an expression is taken as it is', () => {
		expect(listOf('vip, enterprise')).toEqual(['vip', 'enterprise']);
		expect(listOf('vip\nenterprise,, ,gold\n')).toEqual(['vip', 'enterprise', 'gold']);
		expect(listOf(['a ', ' b', '', 3])).toEqual(['a', 'b', '3']);
		expect(listOf('')).toEqual([]);
		expect(listOf(7)).toEqual(['7']);
		expect(() => listOf([{ a: 1 }], 'Tiers')).toThrow(expect.objectContaining({ field: 'Tiers' }));
		expect(() => listOf({ a: 1 })).toThrow(expect.objectContaining({ field: 'Value' }));
	});
});

describe('describeValue', () => {
	it('numbers bare, texts quoted, missing as "empty", long values cut at 80 characters', () => {
		expect(describeValue(5)).toBe('5');
		expect(describeValue(BigInt(5))).toBe('5');
		expect(describeValue('5')).toBe('"5"');
		expect(describeValue(undefined)).toBe('empty');
		expect(describeValue(null)).toBe('null');
		expect(describeValue({ a: [1] })).toBe('{"a":[1]}');
		expect(describeValue(() => 1)).toMatch(/^\(\) => 1$/);
		const long = 'x'.repeat(78);
		expect(describeValue(long)).toBe(`"${long}"`);
		expect(describeValue(`${long}y`)).toBe(`"${'x'.repeat(76)}...`);
		expect(describeValue(`${long}y`)).toHaveLength(80);
	});
});

describe('parseInstant', () => {
	const at = Date.parse('2026-11-27T18:00:00Z');
	it.each<[unknown, number]>([
		['2026-11-27T18:00:00Z', at],
		['2026-11-27T18:00Z', at],
		['2026-11-27T18:00:00.000Z', at],
		['2026-11-27T19:00:00+01:00', at],
		['2026-11-27 18:00', at],
		['Fri, 27 Nov 2026 18:00:00 +0000', at],
		[at / 1000, at],
		[at, at],
		[String(at / 1000), at],
		[`${at / 1000}.5`, at + 500],
		[new Date(at), at],
		[DateTime.fromMillis(at), at],
		['  2026-11-27T18:00:00Z  ', at],
	])('%j is 2026-11-27 18:00 UTC', (value, expected) => {
		expect(parseInstant(value, 'UTC')).toBe(expected);
	});

	it('a time without an offset is read in the zone', () => {
		expect(parseInstant('2026-11-27T19:00:00', 'Europe/Berlin')).toBe(at);
		expect(parseInstant('2026-11-27 13:00', 'America/New_York')).toBe(at);
	});

	it("24:00 is the next day's midnight, as ISO 8601 has it (not rolled over by the fast path)", () => {
		expect(parseInstant('2026-11-27T24:00:00Z', 'UTC')).toBe(Date.parse('2026-11-28T00:00:00Z'));
	});

	it('seconds up to 1e11, milliseconds from there', () => {
		expect(parseInstant(99_999_999_999, 'UTC')).toBe(99_999_999_999_000);
		expect(parseInstant(100_000_000_000, 'UTC')).toBe(100_000_000_000);
		expect(parseInstant(-5, 'UTC')).toBe(-5000);
	});

	it.each([
		['2026-02-30T10:00:00Z'],
		['yesterday'],
		[''],
		['   '],
		[Number.NaN],
		[Number.POSITIVE_INFINITY],
		[null],
		[{}],
		[true],
		['12abc'],
		[DateTime.invalid('no')],
	])('%j is not a time', (value) => {
		expect(parseInstant(value, 'UTC')).toBeNaN();
	});

	it('formats in a zone, without milliseconds', () => {
		expect(formatInstant(at, 'UTC')).toBe('2026-11-27T18:00:00Z');
		expect(formatInstant(at + 250, 'Europe/Berlin')).toBe('2026-11-27T19:00:00.250+01:00');
	});
});
