import { InvalidItemValueError } from '../errors';
import { describeValue } from '../values/describe';
import type { InputFormat } from './adRow';

/**
 * An item may hold a whole platform response, as an HTTP Request node returns it: a Meta insights
 * page `{ data: [...], paging }` or a Google Ads search / searchStream chunk `{ results: [...],
 * fieldMask }`. Its rows are read one by one, each named by its place ("data[3]") in errors.
 * Node version 2 on; version 1 read such an item as one row and found no spend in it.
 */
export interface ItemRow {
	json: Record<string, unknown>;
	/** Where the row sits in the item: '' for a row that is the item itself, else "data[3]". */
	path: string;
}

const RESPONSE_LISTS: Partial<Record<InputFormat, Array<'data' | 'results'>>> = {
	auto: ['data', 'results'],
	meta: ['data'],
	googleAds: ['results'],
};

export function rowsOfItem(json: Record<string, unknown>, format: InputFormat): ItemRow[] {
	const list = (RESPONSE_LISTS[format] ?? []).find((key) => isResponse(json, key));
	if (list === undefined) return [{ json, path: '' }];
	return (json[list] as unknown[]).map((row, index) => {
		const path = `${list}[${index}]`;
		if (!isObject(row)) throw new InvalidItemValueError(path, `is ${describeValue(row)}; each row of the response must be an object`);
		return { json: row, path };
	});
}

/**
 * A response, not a row that happens to have a field of that name: the list is there and the item
 * has none of a row's figures, or carries the platform's envelope (Meta's paging, Google's fieldMask).
 */
function isResponse(json: Record<string, unknown>, list: 'data' | 'results'): boolean {
	if (!Array.isArray(json[list])) return false;
	const envelope = list === 'data' ? isObject(json.paging) : typeof json.fieldMask === 'string';
	return envelope || (json.spend === undefined && json.metrics === undefined);
}

/** The error of a row inside a response names the row: `"data[3].spend" in item 0 is missing`. */
export function errorInRow(error: InvalidItemValueError, path: string): InvalidItemValueError {
	return path === '' ? error : new InvalidItemValueError(`${path}.${error.field}`, error.message);
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
