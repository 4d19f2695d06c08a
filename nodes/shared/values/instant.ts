import { DateTime } from 'luxon';

/**
 * Reads a point in time from an item: ISO 8601 ("2026-11-27T18:00:00Z", or without an offset,
 * then read in `zone`), SQL ("2026-11-27 18:00"), RFC 2822, or a Unix timestamp in seconds or
 * milliseconds. Returns epoch milliseconds, or NaN when the value is not a time.
 */
const MILLISECONDS_THRESHOLD = 1e11; // below: seconds (until year 5138), above: milliseconds
const UTC_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/;

export function parseInstant(value: unknown, zone: string): number {
	if (typeof value === 'number') return fromEpoch(value);
	if (value instanceof Date) return value.getTime();
	if (DateTime.isDateTime(value)) return value.isValid ? value.toMillis() : Number.NaN;
	if (typeof value !== 'string') return Number.NaN;
	const text = value.trim();
	if (text === '') return Number.NaN;
	if (/^\d+(\.\d+)?$/.test(text)) return fromEpoch(Number(text));
	if (UTC_ISO.test(text)) {
		// The common case, read without luxon (a tenth of the time); a day the month does not have
		// ("02-30", which Date.parse rolls over) or 24:00 is left to luxon below.
		const epoch = Date.parse(text);
		if (!Number.isNaN(epoch) && new Date(epoch).toISOString().slice(0, 13) === text.slice(0, 13)) return epoch;
	}
	const options = { zone, setZone: true };
	for (const parse of [DateTime.fromISO, DateTime.fromSQL, DateTime.fromRFC2822, DateTime.fromHTTP]) {
		const parsed = parse(text, options);
		if (parsed.isValid) return parsed.toMillis();
	}
	return Number.NaN;
}

function fromEpoch(value: number): number {
	if (!Number.isFinite(value)) return Number.NaN;
	return Math.abs(value) < MILLISECONDS_THRESHOLD ? value * 1000 : value;
}

export function formatInstant(epochMs: number, zone: string): string {
	return DateTime.fromMillis(epochMs, { zone }).toISO({ suppressMilliseconds: true }) ?? '';
}
