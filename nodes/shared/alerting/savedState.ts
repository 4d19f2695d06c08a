import { UnreadableMemoryError } from '../alertMemory/store';
import { attempt } from '../values/attempt';
import type { AlertRecord } from './alertMachine';

/**
 * Alert memory is saved as one JSON text per node, with the schema of its records. Reading it back
 * checks every record: memory that was edited by hand, cut short or written by another version is
 * reported with where it is wrong, never taken for a fresh start (which would re-send every alert)
 * and never passed on to crash the state machine.
 */
export function parseMemoryText(text: string, schema: number): Record<string, unknown> {
	const json = attempt((): unknown => JSON.parse(text));
	if (!json.ok) throw new UnreadableMemoryError(`it is not JSON (it starts "${text.slice(0, 40)}")`);
	const parsed = json.value;
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new UnreadableMemoryError('it is not a JSON object');
	const saved = parsed as Record<string, unknown>;
	if (saved.schema !== schema) throw new UnreadableMemoryError(`it is of schema ${JSON.stringify(saved.schema)}, and this node reads schema ${schema}`);
	return saved;
}

/** The object under `field`, or an error naming it. */
export function objectField(saved: Record<string, unknown>, field: string, where: string): Record<string, unknown> {
	const value = saved[field];
	if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UnreadableMemoryError(`${where}${field} is not an object`);
	return value as Record<string, unknown>;
}

const STATES = ['normal', 'pending', 'firing', 'nodata'];
const SEVERITIES = ['ok', 'warning', 'critical'];
const NOTICES = ['firing', 'escalated', 'deescalated', 'renotify', 'nodata'];
const TIMES = ['since', 'count', 'raise', 'raiseSince', 'notifiedAt', 'seenAt'] as const;

/** One saved alert record, checked field by field. */
export function readRecord(value: unknown, where: string): AlertRecord {
	if (typeof value !== 'object' || value === null) throw new UnreadableMemoryError(`${where} is not an alert record`);
	const record = value as Record<string, unknown>;
	const wrong = (field: string) => new UnreadableMemoryError(`${where} has ${field} ${JSON.stringify(record[field])}`);
	if (!STATES.includes(record.state as string)) throw wrong('state');
	if (!SEVERITIES.includes(record.severity as string)) throw wrong('severity');
	for (const field of TIMES) if (typeof record[field] !== 'number' || !Number.isFinite(record[field])) throw wrong(field);
	if (record.value !== null && (typeof record.value !== 'number' || !Number.isFinite(record.value))) throw wrong('value');
	if (record.owed !== null && !NOTICES.includes(record.owed as string)) throw wrong('owed');
	if (typeof record.announced !== 'boolean') throw wrong('announced');
	return record as unknown as AlertRecord;
}
