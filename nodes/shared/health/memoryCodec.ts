import type { MemoryCodec } from '../alertMemory/store';
import { UnreadableMemoryError } from '../alertMemory/store';
import { objectField, parseMemoryText, readRecord } from '../alerting/savedState';
import type { AlertRecord } from '../alerting/alertMachine';
import type { HealthMemory } from './evaluate';

/**
 * The Health Monitor's alert memory as one JSON text: { schema, checks: { [check]: { rule, series } } }.
 * One fixed-size record per series: it never grows with the number of runs.
 */
export const HEALTH_MEMORY_SCHEMA = 2;

export const healthMemoryCodec: MemoryCodec<HealthMemory> = {
	empty: () => ({}),
	encode: (memory) => JSON.stringify({ schema: HEALTH_MEMORY_SCHEMA, checks: memory }),
	decode(text) {
		const checks = objectField(parseMemoryText(text, HEALTH_MEMORY_SCHEMA), 'checks', '');
		const memory: HealthMemory = {};
		for (const [check, saved] of Object.entries(checks)) memory[check] = readCheck(saved, `check "${check}"`);
		return memory;
	},
};

function readCheck(saved: unknown, where: string): HealthMemory[string] {
	if (typeof saved !== 'object' || saved === null) throw new UnreadableMemoryError(`${where} is not an object`);
	const check = saved as Record<string, unknown>;
	if (typeof check.rule !== 'string') throw new UnreadableMemoryError(`${where} has no rule`);
	const series: Record<string, AlertRecord> = {};
	for (const [name, record] of Object.entries(objectField(check, 'series', `${where}: `))) series[name] = readRecord(record, `${where}, series "${name}",`);
	return { rule: check.rule, series };
}

/**
 * The layout of earlier versions, in the node's own static data: { schema: 2, checks: { [check]: text } }.
 * Read once, when the node first runs with this version, so no firing alert is forgotten.
 */
export function legacyHealthText(nodeStaticData: Record<string, unknown>): string | undefined {
	const { schema, checks } = nodeStaticData;
	if (schema !== HEALTH_MEMORY_SCHEMA || typeof checks !== 'object' || checks === null) return undefined;
	const memory: Record<string, unknown> = {};
	for (const [check, text] of Object.entries(checks as Record<string, unknown>)) {
		try {
			memory[check] = typeof text === 'string' ? JSON.parse(text) : text;
		} catch {
			memory[check] = text;
		}
	}
	return JSON.stringify({ schema: HEALTH_MEMORY_SCHEMA, checks: memory });
}
