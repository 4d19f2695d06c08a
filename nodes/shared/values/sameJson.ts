/** True when two JSON values hold the same data, whatever the order of their object keys. */
export function sameJson(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a) || Array.isArray(b)) {
		if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
		return a.every((value, index) => sameJson(value, b[index]));
	}
	const aKeys = Object.keys(a);
	if (aKeys.length !== Object.keys(b).length) return false;
	const other = b as Record<string, unknown>;
	return aKeys.every((key) => Object.prototype.hasOwnProperty.call(other, key) && sameJson((a as Record<string, unknown>)[key], other[key]));
}
