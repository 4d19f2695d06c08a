import { attemptAsync } from '../values/attempt';
import { call, type PublicApi } from './publicApi';
import { MemoryStoreError, type LoadedMemory, type MemoryStore, type SavedElsewhere } from './store';

/** The table every alerting node of an n8n instance shares: one row per node. */
export const MEMORY_TABLE_COLUMNS = [
	{ name: 'key', type: 'string' },
	{ name: 'version', type: 'number' },
	{ name: 'node', type: 'string' },
	{ name: 'memory', type: 'string' },
] as const;

export const DEFAULT_MEMORY_TABLE = 'alert_memory';

/** What a row holds that the store relies on. */
interface MemoryRow {
	id: number;
	version: number;
	memory: string;
}

interface Token {
	row: MemoryRow | undefined;
}

export interface DataTableStoreOptions {
	api: PublicApi;
	/** The n8n instance (its base URL): table ids are remembered per instance and table name. */
	instance: string;
	table: string;
	/** The row's key: the workflow's id and the node's id, which a rename keeps. */
	key: string;
	/** The node's name, written to the row for people reading the table. */
	nodeName: string;
	/** A test run reads the memory but changes nothing, as n8n does with static data. */
	readOnly: boolean;
	/** Memory kept elsewhere before this store was chosen: it seeds the row on first use. */
	seed?: SavedElsewhere;
}

/** Table ids by instance and name, so that a run costs one read (and a write when something changed). */
const tableIds = new Map<string, string>();

/**
 * *n8n Data Table (all workers)*: one row per node in an n8n Data Table, through n8n's public API,
 * so that every main and worker process sees the same memory. Saving is a compare-and-swap on the
 * row's id and version: an update that comes back with no row lost to another execution.
 * Two first saves of one node can both insert a row; the row with the lowest id is the node's, and
 * the other is deleted by whoever sees it, so no duplicate is left behind.
 */
export function dataTableStore(options: DataTableStoreOptions): MemoryStore {
	const { api, table, key } = options;
	const name = `Data Table "${table}"`;
	const cacheKey = `${options.instance}\n${table}`;
	/** n8n's filter where every column equals its value: { type: 'and', filters: [...] }. */
	const rowFilter = (equals: Record<string, string | number>) => ({
		type: 'and',
		filters: Object.entries(equals).map(([columnName, value]) => ({ columnName, condition: 'eq', value })),
	});

	async function tableId(): Promise<string> {
		const cached = tableIds.get(cacheKey);
		if (cached !== undefined) return cached;
		const found = await findTable();
		const id = found ?? (await createTable());
		tableIds.set(cacheKey, id);
		return id;
	}

	async function findTable(): Promise<string | undefined> {
		const { body } = await call(
			api,
			name,
			{ method: 'GET', path: '/data-tables', qs: { filter: JSON.stringify({ name: table }), limit: '250' } },
			`find the Data Table "${table}"`,
			'dataTable:list',
		);
		const tables = ((body as { data?: unknown[] }).data ?? []) as Array<{ id: string; name: string; columns?: Array<{ name: string }> }>;
		const match = tables.find((candidate) => candidate.name === table);
		if (!match) return undefined;
		const missing = MEMORY_TABLE_COLUMNS.filter((column) => match.columns && !match.columns.some((existing) => existing.name === column.name));
		if (missing.length > 0) {
			throw new MemoryStoreError(
				name,
				`The Data Table "${table}" exists but has no column ${missing.map((column) => `"${column.name}" (${column.type})`).join(', ')}.`,
				`Add the column(s), or name another table in Alert Memory Table: this node creates it with the columns ${MEMORY_TABLE_COLUMNS.map((column) => `${column.name} (${column.type})`).join(', ')}.`,
			);
		}
		return match.id;
	}

	async function createTable(): Promise<string> {
		const created = await call(
			api,
			name,
			{ method: 'POST', path: '/data-tables', body: { name: table, columns: MEMORY_TABLE_COLUMNS } },
			`create the Data Table "${table}"`,
			'dataTable:create',
			[409],
		);
		if (created.status !== 409) return String((created.body as { id: unknown }).id);
		// Another execution created it at the same moment: use that one.
		const found = await findTable();
		if (found === undefined)
			throw new MemoryStoreError(
				name,
				`n8n says a Data Table "${table}" exists, but the API key cannot see it.`,
				'Use a key of the project that owns the table, or name another table in Alert Memory Table.',
			);
		return found;
	}

	/** A call on the table; if the table was deleted since its id was remembered, it is found (or made) again. */
	async function onTable(run: (id: string) => Promise<unknown>): Promise<unknown> {
		const first = await attemptAsync(async () => run(await tableId()));
		if (first.ok) return first.value;
		if (!(first.error instanceof MemoryStoreError) || first.error.status !== 404) throw first.error;
		tableIds.delete(cacheKey);
		return run(await tableId());
	}

	const bodyOf = async (request: Parameters<typeof call>[2], doing: string, scope: Parameters<typeof call>[4]) =>
		(await call(api, name, request, doing, scope)).body;

	async function rowsOfKey(): Promise<MemoryRow[]> {
		const listed = await onTable((id) =>
			bodyOf(
				{ method: 'GET', path: `/data-tables/${id}/rows`, qs: { filter: JSON.stringify(rowFilter({ key })), limit: '250' } },
				'read the alert memory',
				'dataTableRow:read',
			),
		);
		const rows = ((listed as { data?: unknown[] }).data ?? []) as Array<Record<string, unknown>>;
		return rows.map((row) => readRow(row, name, table, key)).sort((a, b) => a.id - b.id);
	}

	async function deleteRow(id: number): Promise<void> {
		await onTable((tableIdentifier) =>
			bodyOf(
				{ method: 'DELETE', path: `/data-tables/${tableIdentifier}/rows/delete`, qs: { filter: JSON.stringify(rowFilter({ id })) } },
				'remove a duplicate alert memory row',
				'dataTableRow:delete',
			),
		);
	}

	return {
		name,
		resetHint: `delete this node's row (key "${key}") from the Data Table "${table}"`,
		async load(): Promise<LoadedMemory> {
			const rows = await rowsOfKey();
			if (!options.readOnly) for (const duplicate of rows.slice(1)) await deleteRow(duplicate.id);
			const row = rows[0];
			if (row) return { text: row.memory === '' ? undefined : row.memory, token: { row } satisfies Token };
			return { text: options.seed?.read(), token: { row: undefined } satisfies Token };
		},
		async save(loaded, text) {
			if (options.readOnly) return true;
			const { row } = loaded.token as Token;
			if (row === undefined) return insert(text);
			const updated = await onTable((id) =>
				bodyOf(
					{
						method: 'PATCH',
						path: `/data-tables/${id}/rows/update`,
						body: {
							filter: rowFilter({ id: row.id, version: row.version }),
							data: { version: row.version + 1, memory: text, node: options.nodeName },
							returnData: true,
						},
					},
					'save the alert memory',
					'dataTableRow:update',
				),
			);
			return Array.isArray(updated) && updated.length === 1;
		},
	};

	async function insert(text: string): Promise<boolean> {
		const inserted = await onTable((id) =>
			bodyOf(
				{ method: 'POST', path: `/data-tables/${id}/rows`, body: { data: [{ key, version: 1, node: options.nodeName, memory: text }], returnType: 'id' } },
				'save the alert memory',
				'dataTableRow:create',
			),
		);
		const ownId = Number((Array.isArray(inserted) ? (inserted[0] as { id?: unknown }) : undefined)?.id);
		const rows = await rowsOfKey();
		if (rows.length > 0 && rows[0].id === ownId) {
			options.seed?.clear();
			return true;
		}
		// Another execution's first row came first: this one goes, and the run starts again on that.
		if (Number.isFinite(ownId)) await deleteRow(ownId);
		return false;
	}
}

/** A row as saved, or an error that says which row is wrong and how (never a silent fresh start). */
function readRow(row: Record<string, unknown>, store: string, table: string, key: string): MemoryRow {
	const id = Number(row.id);
	const where = `Row ${Number.isFinite(id) ? id : '?'} of the Data Table "${table}" (key "${key}")`;
	const fix = `Restore it, or delete the row to start afresh (every alert that is still failing is then announced again).`;
	if (typeof row.version !== 'number' || !Number.isInteger(row.version) || row.version < 0) {
		throw new MemoryStoreError(store, `${where} has no readable version: ${JSON.stringify(row.version)}.`, fix);
	}
	if (typeof row.memory !== 'string' && row.memory !== null) {
		throw new MemoryStoreError(store, `${where} has no readable memory.`, fix);
	}
	return { id, version: row.version, memory: row.memory ?? '' };
}
