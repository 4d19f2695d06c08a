import { parseSavedObject } from '../alerting/savedState';
import type { HealthMemory } from './evaluate';

/**
 * The saved state of each check as one JSON text ({ rule, series }). n8n wraps every object of
 * workflow static data in a change-tracking proxy when a workflow starts, and reading 10,000 records
 * through proxies costs more than the whole evaluation; a text is read in one step.
 * One fixed-size record per series: it never grows with the number of runs.
 */
export const HEALTH_MEMORY_SCHEMA = 2;

export function encodeChecks(memory: HealthMemory): Record<string, string> {
	const encoded: Record<string, string> = {};
	for (const [check, saved] of Object.entries(memory)) encoded[check] = JSON.stringify(saved);
	return encoded;
}

/**
 * Reads what `encodeChecks` wrote. State of another schema, or an unreadable entry, starts that
 * check afresh instead of failing the run.
 */
export function decodeChecks(saved: unknown, schema: unknown): HealthMemory {
	const memory: HealthMemory = {};
	if (schema !== HEALTH_MEMORY_SCHEMA || typeof saved !== 'object' || saved === null) return memory;
	for (const [check, text] of Object.entries(saved as Record<string, unknown>)) {
		const parsed = parseSavedObject(text);
		if (parsed && typeof parsed.series === 'object' && parsed.series !== null) {
			memory[check] = { rule: String(parsed.rule ?? ''), series: parsed.series as HealthMemory[string]['series'] };
		}
	}
	return memory;
}
