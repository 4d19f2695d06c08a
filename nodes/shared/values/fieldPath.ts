/**
 * Reads a value from an item by the path n8n puts in a field when one is dragged in:
 * `eventType`, `customer.tier`, `lines[0].sku`, `["field with spaces"]`.
 */
import { InvalidSettingError } from '../errors';
import { failure, success, type Result } from '../result';

export type FieldReader = (json: unknown) => unknown;

export function compileFieldPath(path: string): Result<FieldReader> {
	const trimmed = path.trim();
	if (trimmed === '') return failure('The field name is empty: drag a field from the input here');
	const parsed = splitPath(trimmed);
	if (!parsed.ok) return parsed;
	return success(readerFor(trimmed, parsed.value));
}

function readerFor(trimmed: string, segments: string[]): FieldReader {
	if (segments.length === 1) {
		const [key] = segments;
		// Only an item's own fields count: "constructor" or "toString" is not on every item.
		if (isInherited(key)) return (json) => (hasOwn(json, key) ? (json as Record<string, unknown>)[key] : undefined);
		return (json) => (isObjectLike(json) ? (json as Record<string, unknown>)[key] : undefined);
	}
	return (json) => {
		// A flat key that happens to contain a dot ("utm.source") wins over the nested reading.
		if (hasOwn(json, trimmed)) return (json as Record<string, unknown>)[trimmed];
		let current: unknown = json;
		for (const key of segments) {
			if (!hasOwn(current, key)) return undefined;
			current = (current as Record<string, unknown>)[key];
		}
		return current;
	};
}

/**
 * The key itself when the path names a top-level field, so hot loops can read it directly
 * (`json[key]`); undefined for names every object inherits, which need the own-field check.
 */
export function topLevelKey(path: string): string | undefined {
	const trimmed = path.trim();
	const parsed = trimmed === '' ? undefined : splitPath(trimmed);
	return parsed?.ok && parsed.value.length === 1 && !isInherited(parsed.value[0]) ? parsed.value[0] : undefined;
}

function isObjectLike(value: unknown): boolean {
	return typeof value === 'object' && value !== null;
}

function hasOwn(value: unknown, key: string): boolean {
	return isObjectLike(value) && Object.prototype.hasOwnProperty.call(value, key);
}

/** "constructor", "toString", "__proto__"...: names a plain object answers without having them. */
function isInherited(key: string): boolean {
	return key in Object.prototype;
}

function splitPath(path: string): Result<string[]> {
	const segments: string[] = [];
	let current = '';
	let index = 0;
	const flush = () => {
		if (current !== '') segments.push(current);
		current = '';
	};
	while (index < path.length) {
		const char = path[index];
		if (char === '.') {
			flush();
			index++;
		} else if (char === '[') {
			flush();
			const close = path.indexOf(']', index);
			if (close === -1) return failure(`The field "${path}" has a "[" without a closing "]"`);
			segments.push(unquote(path.slice(index + 1, close).trim()));
			index = close + 1;
		} else {
			current += char;
			index++;
		}
	}
	flush();
	if (segments.length === 0) return failure(`The field "${path}" names no key`);
	return success(segments);
}

function unquote(key: string): string {
	const first = key[0];
	if ((first === '"' || first === "'") && key[key.length - 1] === first) return key.slice(1, -1);
	return key;
}

/** A field path from a node setting: an unusable one is a settings error naming the parameter. */
export function settingFieldReader(path: string, parameter: string): FieldReader {
	const compiled = compileFieldPath(path);
	if (!compiled.ok) throw new InvalidSettingError(parameter, compiled.problem);
	return compiled.value;
}
