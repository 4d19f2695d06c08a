import type { HealthMemory } from './evaluate';
import type { SeriesMemory } from './seriesState';

/**
 * The saved state of each check as one JSON text (series name -> its record). n8n wraps every
 * object of workflow static data in a change-tracking proxy when a workflow starts, and reading
 * 10,000 records through proxies costs more than the whole evaluation; a text is read in one step.
 * One fixed-size record per series: it never grows with the number of runs.
 */
export function encodeChecks(memory: HealthMemory): Record<string, string> {
	const encoded: Record<string, string> = {};
	for (const [check, series] of Object.entries(memory)) encoded[check] = JSON.stringify(series);
	return encoded;
}

/** Reads what `encodeChecks` wrote; an unreadable entry starts that check afresh instead of failing. */
export function decodeChecks(saved: unknown): HealthMemory {
	const memory: HealthMemory = {};
	if (typeof saved !== 'object' || saved === null) return memory;
	for (const [check, text] of Object.entries(saved as Record<string, unknown>)) {
		memory[check] = typeof text === 'string' ? parseSeries(text) : {};
	}
	return memory;
}

function parseSeries(text: string): Record<string, SeriesMemory> {
	try {
		const parsed: unknown = JSON.parse(text);
		return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, SeriesMemory>) : {};
	} catch {
		return {};
	}
}
