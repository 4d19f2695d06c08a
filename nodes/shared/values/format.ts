/**
 * Numbers as people read them in messages: "1,234.5", and money as "1,234.50". Written by hand
 * because Intl.NumberFormat costs microseconds per call, and a run formats thousands of values.
 */

/**
 * A ratio such as ROAS: as formatDecimal, but one below 0.1 keeps two significant digits, so a
 * ROAS of 0.0024 reads "0.0024", not "0", and 0.055 reads "0.055", not "0.06".
 */
export function formatRatio(value: number): string {
	if (value === 0 || !Number.isFinite(value) || Math.abs(value) >= 0.1) return formatDecimal(value);
	// Beyond 20 decimals a ROAS is nothing: "0".
	const decimals = Math.min(20, 1 - Math.floor(Math.log10(Math.abs(value))));
	return value.toFixed(decimals).replace(/\.?0+$/, '');
}

/** 1234.5 -> "1,234.5"; 0.3333 -> "0.33"; -2 -> "-2". */
export function formatDecimal(value: number): string {
	return withSeparators(value, false);
}

/** 1234.5 -> "1,234.50". */
export function formatMoney(value: number): string {
	return withSeparators(value, true);
}

function withSeparators(value: number, fixedCents: boolean): string {
	// From 1e21 on, numbers are written with an exponent ("1e+21"), which separators would break.
	if (!Number.isFinite(value) || Math.abs(value) >= 1e21) return String(value);
	const cents = Math.round(Math.abs(value) * 100);
	const sign = value < 0 && cents !== 0 ? '-' : '';
	const whole = Math.floor(cents / 100);
	const fraction = cents % 100;
	let digits = String(whole);
	for (let index = digits.length - 3; index > 0; index -= 3) digits = `${digits.slice(0, index)},${digits.slice(index)}`;
	if (fixedCents) return `${sign}${digits}.${fraction < 10 ? '0' : ''}${fraction}`;
	if (fraction === 0) return `${sign}${digits}`;
	return `${sign}${digits}.${fraction % 10 === 0 ? fraction / 10 : fraction < 10 ? `0${fraction}` : fraction}`;
}
