/**
 * Both sides of every comparison a rule can make (latency/comparison.ts): below, at and above each
 * number limit, on the fast path (a number), the text path ("5") and the list path ([...]); case
 * handling for every text operator, with texts of the same length that differ; the long option
 * lists that switch to sets; empty values; negations.
 */
import { InvalidItemValueError } from '../../nodes/shared/errors';
import { compileComparison, OPERATOR_WORDS, OPERATORS_WITHOUT_VALUE, type ComparisonOperator } from '../../nodes/shared/latency/comparison';

function rule(operator: ComparisonOperator, ruleValue: unknown, caseSensitive = false) {
	const compiled = compileComparison(operator, ruleValue, { caseSensitive });
	if (!compiled.ok) throw new Error(compiled.problem);
	return (fieldValue: unknown) => compiled.value(fieldValue, 'amount');
}

describe('number operators: below, at and above the limit, in every shape a value arrives', () => {
	const expected: Record<string, [boolean, boolean, boolean]> = {
		greaterThan: [false, false, true],
		greaterThanOrEqual: [false, true, true],
		lessThan: [true, false, false],
		lessThanOrEqual: [true, true, false],
	};
	for (const [operator, [below, at, above]] of Object.entries(expected)) {
		it(`${operator} 100`, () => {
			const test = rule(operator as ComparisonOperator, '100');
			expect([test(99.99), test(100), test(100.01)]).toEqual([below, at, above]);
			expect([test('99.99'), test('100'), test('100.01')]).toEqual([below, at, above]);
			expect([test([99.99]), test([100]), test([100.01])]).toEqual([below, at, above]);
			// A list matches when any element does; empty elements are skipped.
			expect(test([null, '', 100.01])).toBe(above);
			expect(test([99.99, 100.01])).toBe(below || above);
			expect(test([])).toBe(false);
			expect(test('')).toBe(false);
			expect(test(null)).toBe(false);
			expect(test(undefined)).toBe(false);
		});
	}

	it('the limit may be a number, a text with separators, or negative', () => {
		expect(rule('greaterThan', 0)(0)).toBe(false);
		expect(rule('greaterThan', 0)(0.0001)).toBe(true);
		expect(rule('lessThan', '-5')(-5)).toBe(false);
		expect(rule('lessThan', '-5')(-5.5)).toBe(true);
		expect(rule('greaterThanOrEqual', '1,000')(999)).toBe(false);
		expect(rule('greaterThanOrEqual', '1,000')(1000)).toBe(true);
	});

	it('a value that is not a number is an error naming the field, not a silent "no"', () => {
		const test = rule('greaterThan', '5');
		expect(() => test('a lot')).toThrow(InvalidItemValueError);
		expect(() => test('a lot')).toThrow(expect.objectContaining({ field: 'amount', message: 'is "a lot", which is not a number' }));
		expect(() => test(['7', 'x'])).not.toThrow();
		expect(() => test(['x', '7'])).toThrow('which is not a number');
		// Infinity and NaN as numbers take the general path and are rejected there.
		expect(() => test(Number.POSITIVE_INFINITY)).toThrow('which is not a number');
		expect(() => test(Number.NaN)).toThrow('which is not a number');
	});

	it('a limit that is not a number is a setting problem that says which operator', () => {
		for (const operator of ['greaterThan', 'greaterThanOrEqual', 'lessThan', 'lessThanOrEqual'] as const) {
			const compiled = compileComparison(operator, 'ten', { caseSensitive: false });
			expect(compiled).toEqual({ ok: false, problem: `"ten" is not a number, and "${OPERATOR_WORDS[operator]}" compares numbers` });
		}
		expect(compileComparison('greaterThan', { limit: 5 }, { caseSensitive: false })).toEqual({
			ok: false,
			problem: expect.stringMatching(/is not a number, and "is greater than" compares numbers$/),
		});
		expect(compileComparison('greaterThan', '', { caseSensitive: false }).ok).toBe(false);
	});
});

describe('equals', () => {
	it('ignores case unless asked; a text of the same length that differs is not equal', () => {
		const loose = rule('equals', 'Vip');
		expect([loose('Vip'), loose('vip'), loose('VIP'), loose('Vix'), loose('vi'), loose('vipp')]).toEqual([true, true, true, false, false, false]);
		const strict = rule('equals', 'Vip', true);
		expect([strict('Vip'), strict('vip'), strict('VIP'), strict('Vix')]).toEqual([true, false, false, false]);
	});

	it('compares numbers as numbers, texts as texts', () => {
		expect(rule('equals', '5')(5)).toBe(true);
		expect(rule('equals', '5')(5.000001)).toBe(false);
		expect(rule('equals', '5')(6)).toBe(false);
		expect(rule('equals', 'five')(5)).toBe(false);
		expect(rule('equals', '5')('5')).toBe(true);
		expect(rule('equals', '5')('5.0')).toBe(false);
		expect(rule('equals', 'true')(true)).toBe(true);
		expect(rule('equals', 'true')(false)).toBe(false);
	});

	it('a list equals when an element does; empty values never do', () => {
		expect(rule('equals', 'vip')(['basic', 'VIP'])).toBe(true);
		expect(rule('equals', 'vip')(['basic', 'gold'])).toBe(false);
		expect(rule('equals', 'vip')([])).toBe(false);
		expect(rule('equals', 'vip')('')).toBe(false);
		expect(rule('equals', 'vip')(null)).toBe(false);
		expect(rule('equals', '5')([4, 5])).toBe(true);
		expect(rule('equals', '5')([4, 6])).toBe(false);
	});

	it('folds the dotted capital I, which changes length when lower-cased', () => {
		expect('İstanbul'.toLowerCase().length).not.toBe('İstanbul'.length);
		expect(rule('equals', 'i̇stanbul')('İstanbul')).toBe(true);
		expect(rule('equals', 'i̇stanbul', true)('İstanbul')).toBe(false);
	});
});

describe('text operators: case and position', () => {
	const cases: Array<[ComparisonOperator, string, string, boolean, boolean]> = [
		// operator, rule value, field value, case-insensitive result, case-sensitive result
		['contains', 'Pay', 'invoice.payment_failed', true, false],
		['contains', 'pay', 'invoice.payment_failed', true, true],
		['contains', 'refund', 'invoice.payment_failed', false, false],
		['startsWith', 'Inv', 'invoice.paid', true, false],
		['startsWith', 'inv', 'invoice.paid', true, true],
		['startsWith', 'paid', 'invoice.paid', false, false],
		['endsWith', 'FAILED', 'payment_failed', true, false],
		['endsWith', 'failed', 'payment_failed', true, true],
		['endsWith', 'payment', 'payment_failed', false, false],
	];
	it.each(cases)('%s %j in %j: %s ignoring case, %s matching case', (operator, ruleValue, fieldValue, loose, strict) => {
		expect(rule(operator, ruleValue)(fieldValue)).toBe(loose);
		expect(rule(operator, ruleValue, true)(fieldValue)).toBe(strict);
		// The same on the list path, and for the negation.
		expect(rule(operator, ruleValue)([fieldValue])).toBe(loose);
		expect(rule(operator, ruleValue, true)([fieldValue])).toBe(strict);
	});

	it('numbers are compared as their text; empty values never match', () => {
		expect(rule('startsWith', '12')(1234)).toBe(true);
		expect(rule('endsWith', '34')(1234)).toBe(true);
		expect(rule('contains', '5')(1234)).toBe(false);
		for (const operator of ['contains', 'startsWith', 'endsWith'] as const) {
			expect(rule(operator, 'x')('')).toBe(false);
			expect(rule(operator, 'x')(null)).toBe(false);
			expect(rule(operator, 'x')([])).toBe(false);
		}
	});

	it('notContains is the negation, also for empty values', () => {
		expect(rule('notContains', 'pay')('lead')).toBe(true);
		expect(rule('notContains', 'pay')('payment')).toBe(false);
		expect(rule('notContains', 'pay')('')).toBe(true);
		expect(rule('notContains', 'PAY', true)('payment')).toBe(true);
	});
});

describe('is one of', () => {
	it('ignores case unless asked; same length but different is not one of them', () => {
		const loose = rule('isOneOf', 'vip, Enterprise');
		expect([loose('VIP'), loose('enterprise'), loose('vix'), loose('basic'), loose('')]).toEqual([true, true, false, false, false]);
		const strict = rule('isOneOf', 'vip, Enterprise', true);
		expect([strict('vip'), strict('VIP'), strict('Enterprise'), strict('enterprise')]).toEqual([true, false, true, false]);
	});

	it('more than 16 options (looked up in a set) behave the same, both sides of the switch', () => {
		const options = Array.from({ length: 17 }, (_, index) => `Tier${index}`);
		const sixteen = options.slice(0, 16);
		for (const list of [options, sixteen]) {
			const loose = rule('isOneOf', list.join(', '));
			expect([loose('tier3'), loose('TIER15'), loose('Tier99'), loose('tier')]).toEqual([true, true, false, false]);
			const strict = rule('isOneOf', list.join(', '), true);
			expect([strict('Tier3'), strict('tier3')]).toEqual([true, false]);
		}
		expect(rule('isOneOf', options.join(', '))('tier16')).toBe(true);
		expect(rule('isOneOf', sixteen.join(', '))('tier16')).toBe(false);
	});

	it('lists, numbers and negation', () => {
		expect(rule('isOneOf', '1, 2, 3')(2)).toBe(true);
		expect(rule('isOneOf', '1, 2, 3')(4)).toBe(false);
		expect(rule('isOneOf', 'a, b')(['x', 'B'])).toBe(true);
		expect(rule('isOneOf', 'a, b')(['x', 'y'])).toBe(false);
		expect(rule('isNotOneOf', 'a, b')('c')).toBe(true);
		expect(rule('isNotOneOf', 'a, b')('A')).toBe(false);
		expect(rule('isNotOneOf', 'a, b', true)('A')).toBe(true);
		expect(rule('isOneOf', 'i̇stanbul')('İstanbul')).toBe(true);
	});
});

describe('exists', () => {
	it('zero and false exist; empty text, null, undefined and an empty list do not', () => {
		const exists = rule('exists', '');
		const missing = rule('notExists', '');
		const values = [0, false, 'x', [0], '', null, undefined, []];
		expect(values.map(exists)).toEqual([true, true, true, true, false, false, false, false]);
		expect(values.map(missing)).toEqual([false, false, false, false, true, true, true, true]);
		expect(OPERATORS_WITHOUT_VALUE).toEqual(['exists', 'notExists']);
	});
});

it('an unknown operator is a problem naming it', () => {
	expect(compileComparison('between' as ComparisonOperator, '1', { caseSensitive: false })).toEqual({
		ok: false,
		problem: '"between" is not a known operator',
	});
	expect(compileComparison('notBetween' as ComparisonOperator, '1', { caseSensitive: false })).toEqual({
		ok: false,
		problem: '"notBetween" is not a known operator',
	});
});
