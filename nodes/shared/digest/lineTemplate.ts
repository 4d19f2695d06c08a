import { InvalidItemValueError, InvalidSettingError } from '../errors';
import type { Escape } from '../values/escape';
import { compileFieldPath, type FieldReader } from '../values/fieldPath';

/**
 * A line per item from a template with {field} placeholders naming the item's fields, as dragged in
 * ("{eventType} from {contact}: {reason}", "{customer.name}"). A field the item does not have is an
 * error naming the item's field, never an empty gap in a message someone reads.
 */
const PLACEHOLDER = /\{([^{}]+)\}/g;

export type LineRenderer = (json: unknown) => string;

/** `escape` is applied to each value from the item (see values/escape.ts), not to the template's own text. */
export function compileLineTemplate(template: string, parameter: string, escape: Escape = (text) => text): LineRenderer {
	const parts: Array<string | { field: string; read: FieldReader }> = [];
	let last = 0;
	for (const match of template.matchAll(PLACEHOLDER)) {
		const field = match[1].trim();
		const compiled = compileFieldPath(field);
		if (!compiled.ok) throw new InvalidSettingError(parameter, `{${match[1]}}: ${compiled.problem}`);
		parts.push(template.slice(last, match.index), { field, read: compiled.value });
		last = (match.index ?? 0) + match[0].length;
	}
	parts.push(template.slice(last));
	if (!parts.some((part) => typeof part !== 'string')) throw new InvalidSettingError(parameter, 'The line names no field: put one in braces, as {eventType}');
	return (json) => {
		let line = '';
		for (const part of parts) line += typeof part === 'string' ? part : escape(valueText(part.read(json), part.field));
		return line;
	};
}

function valueText(value: unknown, field: string): string {
	if (value === undefined) throw new InvalidItemValueError(field, 'is missing, and the line template uses it');
	if (value === null) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
	if (value instanceof Date) return value.toISOString();
	return JSON.stringify(value);
}
