import { InvalidItemValueError } from '../errors';
import { failure, success, type Result } from '../result';
import { describeValue } from '../values/describe';
import { listOf, textOf } from '../values/text';
import { isAbsent } from '../values/absent';
import { parseDecimal, STRICT_NUMBERS, type ParseOptions } from '../values/number';

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
 *
 * Each test handles the common case (one text or number) first, in its own body, because this runs
 * for every item; lists (any element matches), empty values (no match) and other types take the
 * slower general path. A negated operator matches when its positive form does not.
 */
export interface ComparisonOptions {
	caseSensitive: boolean;
	/** Node version 2 on: a number with misplaced group separators ("1,2,3") is not a number. */
	strictNumbers?: boolean;
	/** How an error names the rule's value. */
	valueName?: string;
}

export function compileComparison(operator: ComparisonOperator, ruleValue: unknown, options: ComparisonOptions): Result<FieldTest> {
	const { caseSensitive, valueName = 'Value' } = options;
	const numbers: ParseOptions = options.strictNumbers ? STRICT_NUMBERS : {};
	const positive = NEGATED[operator];
	if (positive) {
		const compiled = compileComparison(positive, ruleValue, options);
		if (!compiled.ok) return compiled;
		const test = compiled.value;
		return success((fieldValue, field) => !test(fieldValue, field));
	}
	switch (operator) {
		case 'exists':
			return success((fieldValue) => isPresent(fieldValue));
		case 'greaterThan':
		case 'greaterThanOrEqual':
		case 'lessThan':
		case 'lessThanOrEqual':
			return compileNumberTest(operator, ruleValue, numbers);
		case 'equals':
			return success(compileEqualsTest(textOf(ruleValue, valueName), caseSensitive, numbers));
		case 'isOneOf': {
			const isOption = textMatcher(listOf(ruleValue, valueName), caseSensitive);
			const general = generalTest((value, field) => isOption(textOf(value, field)));
			return success((fieldValue, field) => (typeof fieldValue === 'string' && fieldValue !== '' ? isOption(fieldValue) : general(fieldValue, field)));
		}
		case 'contains':
		case 'startsWith':
		case 'endsWith': {
			const fold = caseSensitive ? (text: string) => text : (text: string) => text.toLowerCase();
			const expected = fold(textOf(ruleValue, valueName));
			const test = TEXT_TESTS[operator];
			const general = generalTest((value, field) => test(fold(textOf(value, field)), expected));
			return success((fieldValue, field) =>
				typeof fieldValue === 'string' && fieldValue !== '' ? test(fold(fieldValue), expected) : general(fieldValue, field),
			);
		}
		default:
			return failure(`"${operator}" is not a known operator`);
	}
}

function compileNumberTest(operator: ComparisonOperator, ruleValue: unknown, numbers: ParseOptions): Result<FieldTest> {
	const limit = parseDecimal(ruleValue, '.', numbers);
	if (!Number.isFinite(limit)) {
		// A value from an expression can be anything; String() throws for some objects.
		const shown = typeof ruleValue === 'string' ? `"${ruleValue}"` : describeValue(ruleValue);
		return failure(`${shown} is not a number, and "${OPERATOR_WORDS[operator]}" compares numbers`);
	}
	const compare = NUMBER_COMPARISONS[operator](limit);
	// Version 2 on, text of only spaces is no value: the rule does not match, as for a missing field.
	const general = generalTest((value, field) => (numbers.blankIsMissing && isAbsent(value, true) ? false : compare(numberOf(value, field, numbers))));
	return success((fieldValue, field) => (typeof fieldValue === 'number' && Number.isFinite(fieldValue) ? compare(fieldValue) : general(fieldValue, field)));
}

function compileEqualsTest(expected: string, caseSensitive: boolean, numbers: ParseOptions): FieldTest {
	const expectedNumber = parseDecimal(expected, '.', numbers);
	const folded = expected.toLowerCase();
	const equalsText = (text: string) =>
		text === expected ||
		(!caseSensitive &&
			// Lower-casing allocates, so only texts that could match are lower-cased ("İ" alone
			// changes length when lower-cased).
			(text.length === folded.length || text.includes('\u0130')) &&
			text.toLowerCase() === folded);
	const equalsOne = (value: unknown, field: string) =>
		typeof value === 'number' && Number.isFinite(expectedNumber) ? value === expectedNumber : equalsText(textOf(value, field));
	const general = generalTest(equalsOne);
	return (fieldValue, field) => {
		if (typeof fieldValue === 'string' && fieldValue !== '') return equalsText(fieldValue);
		if (typeof fieldValue === 'number') return equalsOne(fieldValue, field);
		return general(fieldValue, field);
	};
}

/** Empty values never match; a list matches when any of its elements does. */
function generalTest(matchesOne: FieldTest): FieldTest {
	return (fieldValue, field) => {
		if (!isPresent(fieldValue)) return false;
		if (Array.isArray(fieldValue)) return fieldValue.some((element) => isPresent(element) && matchesOne(element, field));
		return matchesOne(fieldValue, field);
	};
}

function isPresent(value: unknown): boolean {
	if (value === undefined || value === null || value === '') return false;
	return !(Array.isArray(value) && value.length === 0);
}

/**
 * Is the text one of the options? Tried exactly first, then ignoring case. Lower-casing allocates a
 * string per item, so it is skipped when no option has the text's length. Short lists are scanned:
 * for a handful of options that beats hashing the text.
 */
function textMatcher(options: string[], caseSensitive: boolean): (text: string) => boolean {
	const exact = [...new Set(options)];
	const folded = [...new Set(options.map((option) => option.toLowerCase()))];
	if (exact.length > 16) {
		const exactSet = new Set(exact);
		const foldedSet = new Set(folded);
		return caseSensitive ? (text) => exactSet.has(text) : (text) => exactSet.has(text) || foldedSet.has(text.toLowerCase());
	}
	if (caseSensitive) return (text) => exact.includes(text);
	const lengths = folded.map((option) => option.length);
	return (text) => exact.includes(text) || ((lengths.includes(text.length) || text.includes('\u0130')) && folded.includes(text.toLowerCase()));
}

const NUMBER_COMPARISONS: Record<string, (limit: number) => (value: number) => boolean> = {
	greaterThan: (limit) => (value) => value > limit,
	greaterThanOrEqual: (limit) => (value) => value >= limit,
	lessThan: (limit) => (value) => value < limit,
	lessThanOrEqual: (limit) => (value) => value <= limit,
};

const TEXT_TESTS: Record<string, (value: string, expected: string) => boolean> = {
	contains: (value, expected) => value.includes(expected),
	startsWith: (value, expected) => value.startsWith(expected),
	endsWith: (value, expected) => value.endsWith(expected),
};

function numberOf(value: unknown, field: string, numbers: ParseOptions): number {
	const number = parseDecimal(value, '.', numbers);
	if (!Number.isFinite(number)) {
		throw new InvalidItemValueError(field, `is ${describeValue(value)}, which is not a number`);
	}
	return number;
}
