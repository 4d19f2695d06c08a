/**
 * The Shared Data Table alert memory (alertMemory/dataTableStore.ts) against an in-memory stand-in
 * of the part of n8n's public API it uses, answering as n8n 2.41 answers (measured in
 * test/e2e/alertMemory.test.js, which runs the same store against a real n8n). Here every branch:
 * the table made on first use or found, columns checked, a racing create, a table deleted under it,
 * compare-and-swap, racing first saves, duplicates, test runs, unreadable rows.
 */
import { dataTableStore, DEFAULT_MEMORY_TABLE, MEMORY_TABLE_COLUMNS } from '../../nodes/shared/alertMemory/dataTableStore';
import type { ApiRequest, ApiResponse, PublicApi } from '../../nodes/shared/alertMemory/publicApi';
import { MemoryStoreError } from '../../nodes/shared/alertMemory/store';

type Row = Record<string, unknown> & { id: number };
interface Table {
	id: string;
	name: string;
	columns: Array<{ name: string }>;
	rows: Row[];
}

/** n8n's public API over Data Tables, in memory: the routes, filters and answers the store relies on. */
function standIn() {
	const tables: Table[] = [];
	let nextRowId = 1;
	const calls: string[] = [];
	const matches = (row: Row, filter: { filters: Array<{ columnName: string; value: unknown }> }) =>
		filter.filters.every(({ columnName, value }) => row[columnName] === value);
	const api: PublicApi = async (request: ApiRequest): Promise<ApiResponse> => {
		calls.push(`${request.method} ${request.path}`);
		if (request.path === '/data-tables' && request.method === 'GET') {
			const { name } = JSON.parse(request.qs?.filter ?? '{}') as { name?: string };
			return {
				status: 200,
				body: { data: tables.filter((table) => table.name === name).map(({ id, name: tableName, columns }) => ({ id, name: tableName, columns })) },
			};
		}
		if (request.path === '/data-tables' && request.method === 'POST') {
			const { name, columns } = request.body as { name: string; columns: Array<{ name: string }> };
			if (tables.some((table) => table.name === name)) return { status: 409, body: { message: 'exists' } };
			const table = { id: `t${tables.length + 1}`, name, columns: columns.map((column) => ({ name: column.name })), rows: [] };
			tables.push(table);
			return { status: 201, body: { id: table.id } };
		}
		const [, , tableId, , action] = request.path.split('/');
		const table = tables.find((candidate) => candidate.id === tableId);
		if (!table) return { status: 404, body: { message: 'Data table not found' } };
		if (request.method === 'GET')
			return { status: 200, body: { data: table.rows.filter((row) => matches(row, JSON.parse(request.qs?.filter ?? '{"filters":[]}'))) } };
		if (request.method === 'POST') {
			const ids = (request.body as { data: Array<Record<string, unknown>> }).data.map((data) => {
				const row = { ...data, id: nextRowId++ };
				table.rows.push(row);
				return { id: row.id };
			});
			return { status: 200, body: ids };
		}
		if (request.method === 'PATCH' && action === 'update') {
			const { filter, data } = request.body as { filter: Parameters<typeof matches>[1]; data: Record<string, unknown> };
			const updated = table.rows.filter((row) => matches(row, filter));
			for (const row of updated) Object.assign(row, data);
			return { status: 200, body: updated.map((row) => ({ ...row })) };
		}
		if (request.method === 'DELETE' && action === 'delete') {
			const filter = JSON.parse(request.qs?.filter ?? '{}');
			table.rows = table.rows.filter((row) => !matches(row, filter));
			return { status: 200, body: true };
		}
		return { status: 400, body: { message: `no route ${request.method} ${request.path}` } };
	};
	return { api, tables, calls };
}

let instances = 0;
function storeOn(n8n: ReturnType<typeof standIn>, overrides: Partial<Parameters<typeof dataTableStore>[0]> = {}) {
	return dataTableStore({
		api: n8n.api,
		instance: `http://n8n-${instances}`,
		table: DEFAULT_MEMORY_TABLE,
		key: 'wf1/node1',
		nodeName: 'ROAS vs target',
		readOnly: false,
		...overrides,
	});
}
beforeEach(() => {
	instances += 1;
});
const failureOf = async (work: Promise<unknown>) => {
	const outcome = await work.then(
		() => undefined,
		(error: unknown) => error,
	);
	if (!(outcome instanceof MemoryStoreError)) throw new Error('expected a MemoryStoreError');
	return outcome;
};

describe('the table', () => {
	it('is made on first use with its four columns, then found, not made again', async () => {
		const n8n = standIn();
		const store = storeOn(n8n);
		expect((await store.load()).text).toBeUndefined();
		expect(n8n.tables.map((table) => [table.name, table.columns.map((column) => column.name)])).toEqual([
			['alert_memory', MEMORY_TABLE_COLUMNS.map((column) => column.name)],
		]);
		expect(n8n.calls).toEqual(['GET /data-tables', 'POST /data-tables', 'GET /data-tables/t1/rows']);
		// Another node on the same instance: the table id is remembered, one read per run.
		n8n.calls.length = 0;
		await storeOn(n8n, { instance: `http://n8n-${instances}`, key: 'wf1/node2' }).load();
		expect(n8n.calls).toEqual(['GET /data-tables/t1/rows']);
		// Another instance (no cache): found, not made.
		n8n.calls.length = 0;
		await storeOn(n8n, { instance: 'http://elsewhere' }).load();
		expect(n8n.calls).toEqual(['GET /data-tables', 'GET /data-tables/t1/rows']);
	});

	it('a table of that name without the columns is an error naming what is missing', async () => {
		const n8n = standIn();
		n8n.tables.push({ id: 't9', name: 'alert_memory', columns: [{ name: 'key' }, { name: 'memory' }], rows: [] });
		const error = await failureOf(storeOn(n8n).load());
		expect(error.message).toBe('The Data Table "alert_memory" exists but has no column "version" (number), "node" (string).');
		expect(error.hint).toBe(
			'Add the column(s), or name another table in Alert Memory Table: this node creates it with the columns key (string), version (number), node (string), memory (string).',
		);
	});

	it('another execution creating it at the same moment (409): that one is used', async () => {
		const n8n = standIn();
		const racing: PublicApi = async (request) => {
			if (request.method === 'POST' && request.path === '/data-tables') {
				await n8n.api({ method: 'POST', path: '/data-tables', body: { name: 'alert_memory', columns: MEMORY_TABLE_COLUMNS } });
			}
			return n8n.api(request);
		};
		await storeOn(n8n, { api: racing }).load();
		expect(n8n.tables).toHaveLength(1);
	});

	it('409 with no table the key can see: an error saying so', async () => {
		const n8n = standIn();
		const blind: PublicApi = async (request) => (request.method === 'POST' && request.path === '/data-tables' ? { status: 409, body: {} } : n8n.api(request));
		const error = await failureOf(storeOn(n8n, { api: blind }).load());
		expect(error.message).toBe('n8n says a Data Table "alert_memory" exists, but the API key cannot see it.');
	});

	it('deleted while its id was remembered: found or made again, and the run goes on', async () => {
		const n8n = standIn();
		const instance = `http://n8n-${instances}`;
		await storeOn(n8n, { instance }).load();
		n8n.tables.length = 0;
		const store = storeOn(n8n, { instance });
		const loaded = await store.load();
		expect(loaded.text).toBeUndefined();
		expect(n8n.tables.map((table) => table.id)).toEqual(['t1']);
		expect(await store.save(loaded, '{"a":1}')).toBe(true);
	});
});

describe('saving', () => {
	it('first save inserts the row with version 1 and the node name; later saves swap on id and version', async () => {
		const n8n = standIn();
		const store = storeOn(n8n);
		expect(await store.save(await store.load(), 'one')).toBe(true);
		expect(n8n.tables[0].rows).toEqual([{ id: 1, key: 'wf1/node1', version: 1, node: 'ROAS vs target', memory: 'one' }]);
		const loaded = await store.load();
		expect(loaded.text).toBe('one');
		expect(await store.save(loaded, 'two')).toBe(true);
		expect(n8n.tables[0].rows[0]).toMatchObject({ version: 2, memory: 'two' });
	});

	it('two executions that read the same version: the first save wins, the second is told it lost', async () => {
		const n8n = standIn();
		const store = storeOn(n8n);
		await store.save(await store.load(), 'start');
		const [a, b] = [await store.load(), await store.load()];
		expect(await store.save(a, 'from a')).toBe(true);
		expect(await store.save(b, 'from b')).toBe(false);
		expect(n8n.tables[0].rows[0]).toMatchObject({ version: 2, memory: 'from a' });
	});

	it('two first saves: the lowest row id wins, the other deletes its own row and is told it lost; only the winner clears the seed', async () => {
		const n8n = standIn();
		const cleared: string[] = [];
		const seed = (who: string) => ({ read: () => 'seeded', clear: () => void cleared.push(who) });
		const first = storeOn(n8n, { seed: seed('first') });
		const second = storeOn(n8n, { instance: `http://n8n-${instances}`, seed: seed('second') });
		const [a, b] = [await first.load(), await second.load()];
		expect([a.text, b.text]).toEqual(['seeded', 'seeded']);
		// The second inserts first and wins; the first then finds it and steps back.
		expect(await second.save(b, 'second')).toBe(true);
		expect(await first.save(a, 'first')).toBe(false);
		expect(n8n.tables[0].rows.map((row) => [row.id, row.memory])).toEqual([[1, 'second']]);
		expect(cleared).toEqual(['second']);
	});

	it('duplicate rows seen on load are deleted, the lowest id kept', async () => {
		const n8n = standIn();
		const store = storeOn(n8n);
		await store.load();
		n8n.tables[0].rows.push(
			{ id: 7, key: 'wf1/node1', version: 3, node: 'n', memory: 'newer' },
			{ id: 5, key: 'wf1/node1', version: 1, node: 'n', memory: 'kept' },
			{ id: 6, key: 'other/node', version: 1, node: 'n', memory: 'x' },
		);
		expect((await store.load()).text).toBe('kept');
		expect(n8n.tables[0].rows.map((row) => row.id).sort()).toEqual([5, 6]);
	});

	it('a test run reads but never writes: no insert, no update, duplicates left alone', async () => {
		const n8n = standIn();
		await storeOn(n8n).load();
		n8n.tables[0].rows.push(
			{ id: 5, key: 'wf1/node1', version: 1, node: 'n', memory: 'kept' },
			{ id: 7, key: 'wf1/node1', version: 1, node: 'n', memory: 'dup' },
		);
		const test = storeOn(n8n, { readOnly: true, instance: `http://n8n-${instances}` });
		const loaded = await test.load();
		expect(loaded.text).toBe('kept');
		expect(await test.save(loaded, 'changed')).toBe(true);
		expect(n8n.tables[0].rows.map((row) => [row.id, row.memory])).toEqual([
			[5, 'kept'],
			[7, 'dup'],
		]);
		const fresh = storeOn(n8n, { readOnly: true, key: 'new/node', instance: `http://n8n-${instances}` });
		expect(await fresh.save(await fresh.load(), 'x')).toBe(true);
		expect(n8n.tables[0].rows).toHaveLength(2);
	});

	it('an empty memory cell is no memory (the seed is not used once the row exists)', async () => {
		const n8n = standIn();
		await storeOn(n8n).load();
		n8n.tables[0].rows.push({ id: 5, key: 'wf1/node1', version: 0, node: 'n', memory: '' });
		expect((await storeOn(n8n, { instance: `http://n8n-${instances}`, seed: { read: () => 'seed', clear: () => undefined } }).load()).text).toBeUndefined();
		n8n.tables[0].rows[0].memory = null;
		expect((await storeOn(n8n, { instance: `http://n8n-${instances}` }).load()).text).toBeUndefined();
	});
});

describe('rows that cannot be read', () => {
	it.each([
		[{ version: 'one', memory: 'x' }, 'Row 5 of the Data Table "alert_memory" (key "wf1/node1") has no readable version: "one".'],
		[{ version: 1.5, memory: 'x' }, 'Row 5 of the Data Table "alert_memory" (key "wf1/node1") has no readable version: 1.5.'],
		[{ version: -1, memory: 'x' }, 'Row 5 of the Data Table "alert_memory" (key "wf1/node1") has no readable version: -1.'],
		[{ version: 1, memory: 42 }, 'Row 5 of the Data Table "alert_memory" (key "wf1/node1") has no readable memory.'],
	])('%j: %s', async (fields, message) => {
		const n8n = standIn();
		await storeOn(n8n).load();
		n8n.tables[0].rows.push({ id: 5, key: 'wf1/node1', node: 'n', ...fields });
		const error = await failureOf(storeOn(n8n, { instance: `http://n8n-${instances}` }).load());
		expect(error.message).toBe(message);
		expect(error.hint).toBe('Restore it, or delete the row to start afresh (every alert that is still failing is then announced again).');
	});

	it('the reset hint names the row and the table', () => {
		expect(storeOn(standIn()).resetHint).toBe('delete this node\'s row (key "wf1/node1") from the Data Table "alert_memory"');
		expect(storeOn(standIn(), { table: 'mine' }).name).toBe('Data Table "mine"');
	});
});
