import { attempt } from '../values/attempt';
import { sameJson } from '../values/sameJson';
import { MemoryStoreError, UnreadableMemoryError, type MemoryCodec, type MemoryStore } from './store';

/** Saves lost to other executions in a row before the run gives up (and says so). */
export const MAX_ATTEMPTS = 16;

/** Between two attempts, a random pause of up to this many milliseconds per attempt, so racers fall out of step. */
export const BACKOFF_MS = 10;

/**
 * Loads the memory, runs `evaluate` on it and saves what it returns, unless nothing changed. When
 * another execution saved first, everything runs again on the memory it left, so only the winner's
 * notices go out. `evaluate` must not have effects of its own: it may run more than once.
 */
export async function runWithMemory<M, R extends { memory: M }>(
	store: MemoryStore,
	codec: MemoryCodec<M>,
	evaluate: (memory: M) => R,
	pause: (ms: number) => Promise<void> = async () => {},
): Promise<R> {
	for (let attempt = 1; ; attempt++) {
		if (attempt > 1) await pause(Math.random() * BACKOFF_MS * attempt);
		const loaded = await store.load();
		const memory = loaded.text === undefined ? codec.empty() : decodeIn(store, codec, loaded.text);
		const result = evaluate(memory);
		if (sameJson(memory, result.memory) && (loaded.text !== undefined || sameJson(result.memory, codec.empty()))) return result;
		if (await store.save(loaded, codec.encode(result.memory))) return result;
		if (attempt === MAX_ATTEMPTS) {
			throw new MemoryStoreError(
				store.name,
				`Other executions of this node saved their alert memory first ${MAX_ATTEMPTS} times in a row, so this run sent nothing.`,
				'Runs of this workflow overlap heavily: start them less often, or let one run finish before the next starts.',
			);
		}
	}
}

function decodeIn<M>(store: MemoryStore, codec: MemoryCodec<M>, text: string): M {
	const decoded = attempt(() => codec.decode(text));
	if (decoded.ok) return decoded.value;
	if (!(decoded.error instanceof UnreadableMemoryError)) throw decoded.error;
	throw new MemoryStoreError(
		store.name,
		`The saved alert memory cannot be read: ${decoded.error.message}.`,
		`It was changed outside this node. Restore it, or ${store.resetHint} to start afresh (every alert that is still failing is then announced again).`,
	);
}
