import { parseSavedObject } from '../alerting/savedState';
import type { AdAlertMemory } from './evaluate';

/**
 * The saved alert memory of a ROAS Calculator or CPA Tracker, as one JSON text: read in one step
 * instead of through the change-tracking proxies n8n puts around static data objects.
 */
export const AD_MEMORY_SCHEMA = 2;

export function encodeAdMemory(memory: AdAlertMemory): string {
	return JSON.stringify(memory);
}

/** State of another schema, or unreadable, starts afresh instead of failing the run. */
export function decodeAdMemory(saved: unknown, schema: unknown): AdAlertMemory {
	const parsed = schema === AD_MEMORY_SCHEMA ? parseSavedObject(saved) : undefined;
	if (!parsed || typeof parsed.groups !== 'object' || parsed.groups === null) return { rule: '', groups: {} };
	return { rule: String(parsed.rule ?? ''), groups: parsed.groups as AdAlertMemory['groups'] };
}
