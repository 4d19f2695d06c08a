import { InvalidItemValueError } from '../errors';
import { settingFieldReader, type FieldReader } from '../values/fieldPath';
import { listOf } from '../values/text';

/** Throws for an item that lacks one of the fields; does nothing when every field has a value. */
export type RequiredFieldsCheck = (json: unknown) => void;

/**
 * Fields an item must carry before it is judged. Without this, an item missing its event type is
 * simply "unmatched" and waits for the batch run; with it, the item is bad input that the node
 * reports (or hands to its error output), so a caller can be told at once.
 */
export function compileRequiredFields(list: string, parameter: string): RequiredFieldsCheck | undefined {
	const fields = listOf(list).map((field): [string, FieldReader] => [field, settingFieldReader(field, parameter)]);
	if (fields.length === 0) return undefined;
	return (json) => {
		for (const [field, read] of fields) {
			const value = read(json);
			if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
				throw new InvalidItemValueError(field, 'is required but missing or empty');
			}
		}
	};
}
