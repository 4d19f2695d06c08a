import { InvalidItemValueError } from '../errors';

/** A single value as text for comparing; an object or a nested list is an error naming the field. */
export function textOf(value: unknown, field: string): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
	if (value === undefined || value === null) return '';
	if (value instanceof Date) return value.toISOString();
	throw new InvalidItemValueError(field, `holds ${Array.isArray(value) ? 'a list of lists' : 'an object'}, not a value to compare; pick a field inside it`);
}

/**
 * "vip, enterprise" (commas or new lines) or a list from an expression -> ["vip", "enterprise"];
 * `field` names the value in the error for an object.
 */
export function listOf(value: unknown, field = 'Value'): string[] {
	const parts = Array.isArray(value) ? value.map((part) => textOf(part, field)) : textOf(value, field).split(/[,\n]/);
	return parts.map((part) => part.trim()).filter((part) => part !== '');
}
