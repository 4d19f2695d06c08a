/**
 * A map that keeps at most `limit` entries, forgetting the one used longest ago when a new one
 * comes in. Map keeps insertion order, so the first key is always the least recently used one.
 */
export class BoundedCache<V> {
	private readonly entries = new Map<string, V>();

	constructor(readonly limit: number) {
		if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`A cache holds at least one entry, not ${limit}`);
	}

	get size(): number {
		return this.entries.size;
	}

	get(key: string): V | undefined {
		const value = this.entries.get(key);
		if (value === undefined) return undefined;
		this.entries.delete(key);
		this.entries.set(key, value);
		return value;
	}

	set(key: string, value: V): void {
		this.entries.delete(key);
		this.entries.set(key, value);
		if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as string);
	}
}
