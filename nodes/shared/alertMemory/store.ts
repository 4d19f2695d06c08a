/**
 * Where an alerting node keeps its alert memory between runs. Every store holds one JSON text per
 * node; the node's codec says what is in it. A store that several executions share (a Data Table)
 * saves only over the memory it loaded (compare-and-swap): when another execution saved first, the
 * run loads again and judges again, so each change of an alert is announced once.
 */
export interface LoadedMemory {
	/** undefined: nothing saved yet. */
	text: string | undefined;
	/** What the store needs to save over exactly this memory (a row and its version). */
	token: unknown;
}

export interface MemoryStore {
	/** For messages: "this workflow's static data", 'Data Table "alert_memory"'. */
	readonly name: string;
	/** How the operator starts this node's memory afresh (said when the saved memory is unreadable). */
	readonly resetHint: string;
	load(): Promise<LoadedMemory>;
	/** false: another execution saved since `loaded` was read; nothing was written. */
	save(loaded: LoadedMemory, text: string): Promise<boolean>;
}

/** Memory a node kept in another place (an earlier layout, the store used before a switch). */
export interface SavedElsewhere {
	read(): string | undefined;
	clear(): void;
}

/** What a node keeps, and how it reads and writes it as text. */
export interface MemoryCodec<M> {
	empty(): M;
	encode(memory: M): string;
	/** Throws UnreadableMemoryError, saying where, when the text is not a memory of this node. */
	decode(text: string): M;
}

/** The store could not be read or written: the run must not go on as if it had no memory. */
export class MemoryStoreError extends Error {
	constructor(
		readonly store: string,
		message: string,
		readonly hint = '',
		/** The HTTP status n8n answered with, where it answered. */
		readonly status?: number,
	) {
		super(message);
		this.name = 'MemoryStoreError';
	}
}

/** The saved text is not a memory this node can read (edited by hand, cut short, of another version). */
export class UnreadableMemoryError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'UnreadableMemoryError';
	}
}
