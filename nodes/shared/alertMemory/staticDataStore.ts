import type { LoadedMemory, MemoryStore, SavedElsewhere } from './store';

/** Where in the workflow's global static data the memory of each node is, by node id. */
export const STATIC_DATA_KEY = 'alertMemory';

/**
 * *This Workflow*: the memory lives in the workflow's static data, keyed by the node's id so that a
 * rename keeps it. n8n saves static data after production runs only, and in queue mode it starts
 * every execution without it; overlapping runs overwrite each other (the last one to end wins).
 * `legacy` reads the layout of earlier versions (per node name) the first time.
 */
export function staticDataStore(staticData: Record<string, unknown>, nodeId: string, legacy: SavedElsewhere): MemoryStore & SavedElsewhere {
	const byNode = (): Record<string, unknown> => {
		const existing = staticData[STATIC_DATA_KEY];
		if (typeof existing === 'object' && existing !== null) return existing as Record<string, unknown>;
		return (staticData[STATIC_DATA_KEY] = {}) as Record<string, unknown>;
	};
	const read = (): string | undefined => {
		const saved = (staticData[STATIC_DATA_KEY] as Record<string, unknown> | undefined)?.[nodeId];
		if (saved === undefined) return legacy.read();
		return typeof saved === 'string' ? saved : JSON.stringify(saved);
	};
	return {
		name: "this workflow's static data",
		resetHint: 'delete this node and add it again',
		read,
		clear() {
			delete (staticData[STATIC_DATA_KEY] as Record<string, unknown> | undefined)?.[nodeId];
			legacy.clear();
		},
		async load(): Promise<LoadedMemory> {
			return { text: read(), token: undefined };
		},
		async save(_loaded, text) {
			byNode()[nodeId] = text;
			legacy.clear();
			return true;
		},
	};
}
