/**
 * A value an item does not really have: undefined, null or ''. With `blankTextToo` (node versions 2
 * on), also text of nothing but spaces, as an emptied spreadsheet cell often holds, so the error
 * says "is missing" instead of `is "  ", which is not a number`.
 */
export function isAbsent(value: unknown, blankTextToo = false): boolean {
	return value === undefined || value === null || value === '' || (blankTextToo && typeof value === 'string' && value.trim() === '');
}
