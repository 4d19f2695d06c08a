import type { MemoryCodec } from '../alertMemory/store';
import { UnreadableMemoryError } from '../alertMemory/store';
import { objectField, parseMemoryText, readRecord } from '../alerting/savedState';
import type { AdAlertMemory, GroupMemory } from './evaluate';

/** The alert memory of a ROAS Calculator or CPA Tracker as one JSON text: { schema, rule, groups }. */
export const AD_MEMORY_SCHEMA = 2;

export const adMemoryCodec: MemoryCodec<AdAlertMemory> = {
	empty: () => ({ rule: '', groups: {} }),
	encode: (memory) => JSON.stringify({ schema: AD_MEMORY_SCHEMA, ...memory }),
	decode(text) {
		const saved = parseMemoryText(text, AD_MEMORY_SCHEMA);
		if (typeof saved.rule !== 'string') throw new UnreadableMemoryError('it has no rule');
		const groups: Record<string, GroupMemory> = {};
		for (const [key, group] of Object.entries(objectField(saved, 'groups', ''))) groups[key] = readGroup(group, `group "${key}"`);
		return { rule: saved.rule, groups };
	},
};

function readGroup(value: unknown, where: string): GroupMemory {
	if (typeof value !== 'object' || value === null) throw new UnreadableMemoryError(`${where} is not an object`);
	const group = value as Record<string, unknown>;
	const labels = objectField(group, 'labels', `${where}: `);
	for (const label of ['campaign', 'account', 'currency'])
		if (typeof labels[label] !== 'string') throw new UnreadableMemoryError(`${where} has labels.${label} ${JSON.stringify(labels[label])}`);
	if (group.target !== undefined && typeof group.target !== 'number') throw new UnreadableMemoryError(`${where} has target ${JSON.stringify(group.target)}`);
	return {
		alert: readRecord(group.alert, `${where}, alert`),
		identity: objectField(group, 'identity', `${where}: `),
		labels: labels as GroupMemory['labels'],
		...(group.target === undefined ? {} : { target: group.target }),
	};
}

/** The layout of earlier versions, in the node's own static data: { schema: 2, alerts: text }. */
export function legacyAdText(nodeStaticData: Record<string, unknown>): string | undefined {
	const { schema, alerts } = nodeStaticData;
	if (schema !== AD_MEMORY_SCHEMA || typeof alerts !== 'string') return undefined;
	try {
		return JSON.stringify({ schema: AD_MEMORY_SCHEMA, ...JSON.parse(alerts) });
	} catch {
		return alerts;
	}
}
