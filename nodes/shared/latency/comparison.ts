import { InvalidItemValueError } from '../errors';
import { failure, success, type Result } from '../result';
import { describeValue } from '../values/describe';
import { parseDecimal } from '../values/number';

/** The comparisons an operator can pick for a rule, without writing an expression. */
export type ComparisonOperator =
	| 'equals'
	| 'notEquals'
	| 'contains'
	| 'notContains'
	| 'startsWith'
	| 'endsWith'
	| 'isOneOf'
	| 'isNotOneOf'
	| 'greaterThan'
	| 'greaterThanOrEqual'
	| 'lessThan'
	| 'lessThanOrEqual'
	| 'exists'
	| 'notExists';

export const OPERATOR_WORDS: Record<ComparisonOperator, string> = {
	equals: 'equals',
	notEquals: 'does not equal',
	contains: 'contains',
	notContains: 'does not contain',
	startsWith: 'starts with',
	endsWith: 'ends with',
	isOneOf: 'is one of',
	isNotOneOf: 'is not one of',
	greaterThan: 'is greater than',
	greaterThanOrEqual: 'is at least',
	lessThan: 'is less than',
	lessThanOrEqual: 'is at most',
	exists: 'exists',
	notExists: 'does not exist',
};

export const OPERATORS_WITHOUT_VALUE: readonly ComparisonOperator[] = ['exists', 'notExists'];

const NEGATED: Partial<Record<ComparisonOperator, ComparisonOperator>> = {
	notEquals: 'equals',
	notContains: 'contains',
	isNotOneOf: 'isOneOf',
	notExists: 'exists',
};

/** Tests one item's field value; throws InvalidItemValueError when the value cannot be compared. */
export type FieldTest = (fieldValue: unknown, field: string) => boolean;

/**
 * Compiles a comparison once, so routing many items costs one call each. Fails with a readable
 * problem when the rule's own value does not fit the operator (a text for "greater than").
 * A list value matches when any element matches; a negated operator matches when none does.
 */
export function compileComparison(
	operator: ComparisonOperator,
	ruleValue: unknown,
	caseSensitive: boolean,
): Result<FieldTest> {
	const positive = NEGATED[operator];
	if (positive) {
		const compiled = compileComparison(positive, ruleValue, caseSensitive);
		if (!compiled.ok) return compiled;
		const test = compiled.value;
		return success((fieldValue, field) => !test(fieldValue, field));
	}
	if (operator === 'exists') return success((fieldValue) => isPresent(fieldValue));

	const compiled = compileScalarTest(operator, ruleValue, caseSensitive);
	if (!compiled.ok) return compiled;
	const matchesOne = compiled.value;
	return success((fieldValue, field) => {
		if (!isPresent(fieldValue)) return false;
		if (Array.isArray(fieldValue)) return fieldValue.some((element) => isPresent(element) && matchesOne(element, field));
		return matchesOne(fieldValue, field);
	});
}

function isPresent(value: unknown): boolean {
	if (value === undefined || value === null || value === '') return false;
	return !(Array.isArray(value) && value.length === 0);
}

function compileScalarTest(operator: ComparisonOperator, ruleValue: unknown, caseSensitive: boolean): Result<FieldTest> {
	const fold = caseSensitive ? (text: string) => text : (text: string) => text.toLowerCase();
	switch (operator) {
		case 'greaterThan':
		case 'greaterThanOrEqual':
		case 'lessThan':
		case 'lessThanOrEqual': {
			const limit = parseDecimal(ruleValue);
			if (!Number.isFinite(limit)) {
				return failure(`"${String(ruleValue)}" is not a number, and "${OPERATOR_WORDS[operator]}" compares numbers`);
			}
			const compare = NUMBER_COMPARISONS[operator];
			return success((fieldValue, field) => compare(numberOf(fieldValue, field), limit));
		}
		case 'isOneOf': {
			const options = new Set(listOf(ruleValue).map(fold));
			return success((fieldValue, field) => options.has(fold(textOf(fieldValue, field))));
		}
		case 'equals': {
			const expected = fold(textOf(ruleValue, 'Value'));
			const expectedNumber = parseDecimal(expected);
			return success((fieldValue, field) => {
				if (typeof fieldValue === 'number' && Number.isFinite(expectedNumber)) return fieldValue === expectedNumber;
				return fold(textOf(fieldValue, field)) === expected;
			});
		}
		case 'contains':
		case 'startsWith':
		case 'endsWith': {
			const expected = fold(textOf(ruleValue, 'Value'));
			const test = TEXT_TESTS[operator];
			return success((fieldValue, field) => test(fold(textOf(fieldValue, field)), expected));
		}
		default:
			return failure(`"${operator}" is not a known operator`);
	}
}

const NUMBER_COMPARISONS: Record<string, (value: number, limit: number) => boolean> = {
	greaterThan: (value, limit) => value > limit,
	greaterThanOrEqual: (value, limit) => value >= limit,
	lessThan: (value, limit) => value < limit,
	lessThanOrEqual: (value, limit) => value <= limit,
};

const TEXT_TESTS: Record<string, (value: string, expected: string) => boolean> = {
	contains: (value, expected) => value.includes(expected),
	startsWith: (value, expected) => value.startsWith(expected),
	endsWith: (value, expected) => value.endsWith(expected),
};

/** "vip, enterprise" or a list from an expression -> ["vip", "enterprise"]. */
export function listOf(value: unknown): string[] {
	const parts = Array.isArray(value) ? value.map((part) => textOf(part, 'Value')) : textOf(value, 'Value').split(/[,\n]/);
	return parts.map((part) => part.trim()).filter((part) => part !== '');
}

function textOf(value: unknown, field: string): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
	if (value === undefined || value === null) return '';
	if (value instanceof Date) return value.toISOString();
	throw new InvalidItemValueError(
		field,
		`holds ${Array.isArray(value) ? 'a list of lists' : 'an object'}, not a value to compare; pick a field inside it`,
	);
}

function numberOf(value: unknown, field: string): number {
	const number = parseDecimal(value);
	if (!Number.isFinite(number)) {
		throw new InvalidItemValueError(field, `is ${describeValue(value)}, which is not a number`);
	}
	return number;
}
