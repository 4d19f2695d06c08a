/**
 * Turns what spreadsheets, ad platforms and webhooks send as a number into one:
 * 12.5, "12.5", "$1,234.50", "1.234,50 €" (with a comma decimal separator), "USD 99".
 * Returns NaN for anything else, so callers can name the bad field instead of using a silent zero.
 */
export type DecimalSeparator = '.' | ',';

const CURRENCY_PREFIX = /^([+-]?)\s*(?:[A-Z]{3}|[A-Z]{0,2}[$€£¥₹₩₽¢])\s*/;
const CURRENCY_SUFFIX = /\s*(?:[A-Z]{3}|[$€£¥₹₩₽¢])$/;
const PLAIN_DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

export interface ParseOptions {
	/**
	 * Group separators only between groups of three digits before the decimal separator, one kind
	 * per number ("1,234,567.5", "1 234,50"); anything else is not a number. Without it (version 1 of
	 * the ad nodes) separators are dropped wherever they sit, so "1,2,3" is 123.
	 */
	strictGrouping?: boolean;
	/** Text of nothing but spaces is a missing value, not a bad number (version 2 on, with strictGrouping). */
	blankIsMissing?: boolean;
}

/** How node versions 2 on read numbers in text; version 1 is `{}`. */
export const STRICT_NUMBERS: ParseOptions = { strictGrouping: true, blankIsMissing: true };

export function parseDecimal(value: unknown, decimalSeparator: DecimalSeparator = '.', options: ParseOptions = {}): number {
	if (typeof value === 'number') return value;
	if (typeof value !== 'string') return Number.NaN;
	let text = value.trim().replace(CURRENCY_PREFIX, '$1').replace(CURRENCY_SUFFIX, '');
	if (options.strictGrouping && !wellGrouped(text, decimalSeparator)) return Number.NaN;
	text = text.replace(/[\s\u00a0']/g, '');
	text = decimalSeparator === '.' ? text.replace(/,/g, '') : text.replace(/\./g, '').replace(/,/g, '.');
	if (!PLAIN_DECIMAL.test(text)) return Number.NaN;
	return Number(text);
}

const GROUPED: Record<DecimalSeparator, RegExp> = {
	'.': /^[+-]?\d{1,3}([,\s\u00a0'])\d{3}(?:\1\d{3})*(?:\.\d*)?$/,
	',': /^[+-]?\d{1,3}([.\s\u00a0'])\d{3}(?:\1\d{3})*(?:,\d*)?$/,
};
const GROUP_SEPARATORS: Record<DecimalSeparator, RegExp> = { '.': /[,\s\u00a0']/, ',': /[.\s\u00a0']/ };

function wellGrouped(text: string, decimalSeparator: DecimalSeparator): boolean {
	return !GROUP_SEPARATORS[decimalSeparator].test(text) || GROUPED[decimalSeparator].test(text);
}

/** Rounds to a number of decimals for output: 2.3456 -> 2.35 with 2. */
export function round(value: number, decimals: number): number {
	const factor = 10 ** decimals;
	return Math.round(value * factor) / factor;
}
