import { InvalidItemValueError } from '../../nodes/shared/errors';
import { compileComparison, type ComparisonOperator } from '../../nodes/shared/latency/comparison';

function test(operator: ComparisonOperator, ruleValue: unknown, caseSensitive = false) {
	const compiled = compileComparison(operator, ruleValue, { caseSensitive });
	if (!compiled.ok) throw new Error(compiled.problem);
	return (fieldValue: unknown) => compiled.value(fieldValue, 'field');
}

describe('compileComparison', () => {
	it.each<[ComparisonOperator, unknown, unknown, boolean]>([
		['equals', 'vip', 'VIP', true],
		['equals', 'vip', 'vip2', false],
		['equals', '5', 5, true],
		['equals', '5.0', 5, true],
		['notEquals', 'vip', 'basic', true],
		['notEquals', 'vip', undefined, true],
		['contains', 'pay', 'invoice.payment_failed', true],
		['notContains', 'pay', 'lead', true],
		['startsWith', 'inv', 'Invoice.paid', true],
		['endsWith', 'failed', 'payment_failed', true],
		['isOneOf', 'vip, enterprise', 'Enterprise', true],
		['isOneOf', 'vip, enterprise', 'basic', false],
		['isNotOneOf', 'vip, enterprise', 'basic', true],
		['greaterThan', '5', 5.01, true],
		['greaterThan', '5', 5, false],
		['greaterThanOrEqual', '5', '5', true],
		['lessThan', '1,000', '$999.99', true],
		['lessThanOrEqual', 10, 10, true],
		['exists', '', 0, true],
		['exists', '', false, true],
		['exists', '', '', false],
		['exists', '', null, false],
		['exists', '', [], false],
		['notExists', '', undefined, true],
	])('%s %j against %j is %s', (operator, ruleValue, fieldValue, expected) => {
		expect(test(operator, ruleValue)(fieldValue)).toBe(expected);
	});

	it('compares case exactly when asked', () => {
		expect(test('equals', 'vip', true)('VIP')).toBe(false);
		expect(test('isOneOf', 'VIP', true)('VIP')).toBe(true);
	});

	it('matches a list field when any element matches, and negations when none does', () => {
		expect(test('equals', 'vip')(['new', 'VIP'])).toBe(true);
		expect(test('notEquals', 'vip')(['new', 'VIP'])).toBe(false);
		expect(test('greaterThan', 100)([5, 150])).toBe(true);
	});

	it('treats a missing field as not matching, not as an error', () => {
		expect(test('greaterThan', 5)(undefined)).toBe(false);
		expect(test('contains', 'x')(null)).toBe(false);
	});

	it('names the field when an item value cannot be compared as a number', () => {
		const compiled = compileComparison('greaterThan', 5, { caseSensitive: false });
		if (!compiled.ok) throw new Error(compiled.problem);
		expect(() => compiled.value('lots', 'order.amount')).toThrow(InvalidItemValueError);
		try {
			compiled.value('lots', 'order.amount');
		} catch (error) {
			expect((error as InvalidItemValueError).field).toBe('order.amount');
			expect((error as Error).message).toBe('is "lots", which is not a number');
		}
	});

	it('refuses an object where a value is expected', () => {
		expect(() => test('equals', 'x')({ nested: true })).toThrow('holds an object');
	});

	it('rejects a rule value that is not a number for a numeric operator', () => {
		expect(compileComparison('greaterThan', 'many', { caseSensitive: false })).toEqual({
			ok: false,
			problem: '"many" is not a number, and "is greater than" compares numbers',
		});
	});
});
