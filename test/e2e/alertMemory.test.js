/**
 * The alerting nodes' Alert Memory "Shared Data Table" on a real n8n (regular mode, SQLite): the
 * store through n8n's public API (table made on first use, compare-and-swap, racing first saves,
 * hand-edited rows, the errors an operator meets), then the nodes in workflows: the business-health
 * template fires, reminds and resolves once across a restart; ten executions of one monitor started
 * at the same moment send one alert (with This Workflow memory they each send their own); and,
 * through n8n's engine in this process, a switch of store, a test run and a rename keep the memory.
 */
'use strict';

const path = require('node:path');
const { TemplateServer, everySeconds } = require('./templateServer');
const { racingWorkflow } = require('./racingWorkflows');
const { createAlertMemoryCredential, publicApi, REQUIRED_SCOPES } = require('../../scripts/n8n/alertMemory');
const { withSharedAlertMemory, withCredentials } = require('../../scripts/n8n/templates');
const { runWorkflow, savedMemory, triggerThenNode } = require('../engine/harness');
const { record } = require('../reliability/figures');

const dist = (file) => require(path.join(__dirname, '../../dist/nodes/shared', file));
const { dataTableStore } = dist('alertMemory/dataTableStore.js');
const { runWithMemory } = dist('alertMemory/runWithMemory.js');
const { MemoryStoreError } = dist('alertMemory/store.js');
const { healthMemoryCodec } = dist('health/memoryCodec.js');

jest.setTimeout(300_000);

const server = new TemplateServer();
let api;
let memory;
let slackTexts = [];
let failing = true;

const storeOf = (key, overrides = {}) =>
	dataTableStore({
		api: api.transport,
		instance: `${server.n8n.baseUrl}#${overrides.table ?? 'alert_memory'}`,
		table: 'alert_memory',
		key,
		nodeName: 'Test node',
		readOnly: false,
		...overrides,
	});

/** What the store's caller sees when it fails: the store error, or undefined. */
const failureOf = (promise) =>
	promise.then(
		() => undefined,
		(error) => error,
	);

beforeAll(async () => {
	await server.start();
	memory = await createAlertMemoryCredential(server.rest, server.n8n.baseUrl);
	server.credentials.realtimeBatchN8nApi = memory.credential;
	api = publicApi(server.n8n.baseUrl, memory.apiKey);
	server.world.on('slack.com', (request) => {
		slackTexts.push(String(request.body.text).split('\n')[0]);
		return { status: 200, json: { ok: true, channel: 'C0ALERTS', ts: `${Date.now() / 1000}`, message: { text: request.body.text } } };
	});
	server.world.on('payments.example.com', () => ({
		status: 200,
		json: Array.from({ length: 30 }, (_, index) => ({ id: `pay_${Date.now()}_${index}`, status: failing && index < 6 ? 'failed' : 'succeeded' })),
	}));
	server.world.on('shop.example.com', () => ({ status: 200, text: 'ok' }));
});

afterAll(async () => {
	await server.close();
});

describe('the Data Table store, through the public API', () => {
	test('creates its table on first use, saves one row per node, and saves only over the version it read', async () => {
		expect(await api.tableId()).toBeUndefined();
		const store = storeOf('wf1/node-a');
		const first = await store.load();
		expect(first.text).toBeUndefined();
		expect(await store.save(first, '{"schema":2,"checks":{}}')).toBe(true);
		const listed = (await api.request('GET', `/data-tables?filter=${encodeURIComponent(JSON.stringify({ name: 'alert_memory' }))}`)).body.data;
		const table = listed.find((candidate) => candidate.name === 'alert_memory');
		expect(table.columns.map((column) => `${column.name}:${column.type}`).sort()).toEqual(['key:string', 'memory:string', 'node:string', 'version:number']);

		const loaded = await store.load();
		expect(loaded.text).toBe('{"schema":2,"checks":{}}');
		expect(await store.save(loaded, '{"schema":2,"checks":{"a":1}}')).toBe(true);
		// A second save over the same (now stale) read loses: nothing is written.
		expect(await store.save(loaded, '{"schema":2,"checks":{"b":2}}')).toBe(false);
		const rows = (await api.memoryRows()).filter((row) => row.key === 'wf1/node-a');
		expect(rows.map((row) => [row.version, row.memory, row.node])).toEqual([[2, '{"schema":2,"checks":{"a":1}}', 'Test node']]);
	});

	test('twenty saves racing over one version: exactly one wins', async () => {
		const store = storeOf('wf1/race');
		await store.save(await store.load(), 'v1');
		const reads = await Promise.all(Array.from({ length: 20 }, () => storeOf('wf1/race').load()));
		const wins = await Promise.all(reads.map((read, index) => storeOf('wf1/race').save(read, `winner ${index}`)));
		expect(wins.filter(Boolean)).toHaveLength(1);
		const [row] = (await api.memoryRows()).filter((candidate) => candidate.key === 'wf1/race');
		expect(row.memory).toBe(`winner ${wins.indexOf(true)}`);
		expect(row.version).toBe(2);
	});

	test('twenty first saves of one node at the same moment: one wins, one row is left', async () => {
		const reads = await Promise.all(Array.from({ length: 20 }, () => storeOf('wf1/first').load()));
		expect(reads.every((read) => read.text === undefined)).toBe(true);
		const wins = await Promise.all(reads.map((read, index) => storeOf('wf1/first').save(read, `first ${index}`)));
		expect(wins.filter(Boolean)).toHaveLength(1);
		await storeOf('wf1/first').load();
		const rows = (await api.memoryRows()).filter((row) => row.key === 'wf1/first');
		expect(rows.map((row) => row.memory)).toEqual([`first ${wins.indexOf(true)}`]);
		record('Alert memory', 'Racing saves on a real n8n (SQLite), 20 at a time', {
			'saves over one version': 20,
			winners: 1,
			'first saves of one node': 20,
			'first-save winners': wins.filter(Boolean).length,
			'rows left': rows.length,
		});
	});

	test("a run that loses the race judges again on the winner's memory, and only its judgement is kept", async () => {
		const key = 'wf1/rerun';
		const evaluations = [];
		const evaluate = (tag) => (saved) => {
			evaluations.push(tag);
			const count = Object.keys(saved).length;
			return { memory: { ...saved, [`${tag}${count}`]: { rule: 'r', series: {} } } };
		};
		const [a, b] = await Promise.all([
			runWithMemory(storeOf(key), healthMemoryCodec, evaluate('a')),
			runWithMemory(storeOf(key), healthMemoryCodec, evaluate('b')),
		]);
		// The loser evaluated again, on the winner's memory: three evaluations (or two, if they did not overlap).
		expect(evaluations.length).toBeGreaterThanOrEqual(2);
		const saved = Object.keys(JSON.parse((await api.memoryRows()).find((row) => row.key === key).memory).checks).sort();
		// The first to save added its check to an empty memory, the other one to that memory: nothing lost.
		expect([
			saved,
			saved
				.map((name) => name[0])
				.sort()
				.join(''),
		]).toEqual([saved.length === 2 ? saved : [], 'ab']);
		expect(saved.map((name) => name[1]).sort()).toEqual(['0', '1']);
		expect([Object.keys(a.memory).length, Object.keys(b.memory).length].sort()).toEqual([1, 2]);
	});

	test('a row edited by hand into garbage is reported, not crashed on, and not reset', async () => {
		const key = 'wf1/edited';
		await runWithMemory(storeOf(key), healthMemoryCodec, () => ({ memory: { Orders: { rule: 'r', series: {} } } }));
		const [row] = (await api.memoryRows()).filter((candidate) => candidate.key === key);
		const tableId = await api.tableId();
		const edit = (data) =>
			api.request('PATCH', `/data-tables/${tableId}/rows/update`, {
				filter: { type: 'and', filters: [{ columnName: 'id', condition: 'eq', value: row.id }] },
				data,
			});

		await edit({ memory: '{"schema":2,"checks":{"Orders":{"rule":"r","series":{"orders":{"state":"burning"}}}}}' });
		const garbled = await failureOf(runWithMemory(storeOf(key), healthMemoryCodec, () => ({ memory: {} })));
		expect(garbled).toBeInstanceOf(MemoryStoreError);
		expect(garbled.message).toBe('The saved alert memory cannot be read: check "Orders", series "orders", has state "burning".');
		expect(garbled.hint).toContain(`delete this node's row (key "${key}") from the Data Table "alert_memory"`);

		await edit({ memory: 'not json at all' });
		expect((await failureOf(runWithMemory(storeOf(key), healthMemoryCodec, () => ({ memory: {} })))).message).toBe(
			'The saved alert memory cannot be read: it is not JSON (it starts "not json at all").',
		);
		await edit({ version: null });
		expect((await failureOf(storeOf(key).load())).message).toBe(`Row ${row.id} of the Data Table "alert_memory" (key "${key}") has no readable version: null.`);
		// Nothing was reset: the row is as it was left.
		const [after] = (await api.memoryRows()).filter((candidate) => candidate.key === key);
		expect([after.memory, after.version]).toEqual(['not json at all', null]);
	});

	test('the errors an operator meets: wrong key, missing scope, n8n not reachable', async () => {
		const wrongKey = publicApi(server.n8n.baseUrl, 'not-a-key');
		const refused = await failureOf(
			dataTableStore({ api: wrongKey.transport, instance: 'wrong-key', table: 'alert_memory', key: 'k', nodeName: 'n', readOnly: false }).load(),
		);
		expect(refused.message).toBe('n8n refused the API key (401) when asked to find the Data Table "alert_memory".');
		expect(refused.hint).toContain('N8N_PUBLIC_API_DISABLED');

		const readOnlyKey = await server.rest.createApiKey('read only', ['dataTable:list', 'dataTableRow:read']);
		const limited = publicApi(server.n8n.baseUrl, readOnlyKey);
		const limitedStore = dataTableStore({
			api: limited.transport,
			instance: 'limited',
			table: 'alert_memory',
			key: 'wf1/limited',
			nodeName: 'n',
			readOnly: false,
		});
		const loaded = await limitedStore.load();
		const noScope = await failureOf(limitedStore.save(loaded, 'x'));
		expect(noScope.message).toBe('The API key lacks the scope "dataTableRow:create", needed to save the alert memory (403).');
		expect(noScope.hint).toBe(`Give the key these scopes: ${REQUIRED_SCOPES.join(', ')}.`);

		const nowhere = publicApi('http://127.0.0.1:9', memory.apiKey);
		const unreachable = await failureOf(
			dataTableStore({ api: nowhere.transport, instance: 'nowhere', table: 'alert_memory', key: 'k', nodeName: 'n', readOnly: false }).load(),
		);
		expect(unreachable.message).toMatch(/^n8n could not be reached to find the Data Table "alert_memory": /);
	});

	test('the credential test says what is wrong', async () => {
		const test = async (data) =>
			server.rest.post('/credentials/test', { credentials: { id: memory.credential.id, name: 'probe', type: 'realtimeBatchN8nApi', data } });
		expect(await test({ apiKey: memory.apiKey, baseUrl: server.n8n.baseUrl })).toMatchObject({ status: 'OK' });
		expect((await test({ apiKey: 'wrong', baseUrl: server.n8n.baseUrl })).message).toMatch(/n8n refused the API key/);
		const noList = await server.rest.createApiKey('no list', ['dataTableRow:read']);
		expect((await test({ apiKey: noList, baseUrl: server.n8n.baseUrl })).message).toMatch(/lacks the scope dataTable:list/);
		expect((await test({ apiKey: memory.apiKey, baseUrl: `${server.n8n.baseUrl}/api/v1/` })).message).toBe('Connection successful!');
		expect((await test({ apiKey: memory.apiKey, baseUrl: `${server.n8n.baseUrl}/rest` })).message).toMatch(/No n8n public API answers at this Base URL/);
	});
});

describe("a Health Monitor through n8n's engine, its memory on the real n8n", () => {
	const TABLE = 'engine_alert_memory';
	const watch = (alertMemory, name = 'Watch') =>
		triggerThenNode({
			type: 'healthMonitor',
			name,
			parameters: {
				checks: {
					check: [
						{
							name: 'Queue depth',
							checkType: 'metric',
							metricField: 'depth',
							aggregation: 'last',
							condition: 'above',
							warning: 100,
							critical: 200,
							options: { pendingRuns: 1 },
						},
					],
				},
				alertMemory,
				alertMemoryTable: TABLE,
			},
			settings: alertMemory === 'dataTable' ? { credentials: { realtimeBatchN8nApi: { id: 'memory', name: 'memory' } } } : {},
		});
	let staticData = {};
	const run = async (workflow, depth, mode = 'trigger') => {
		const result = await runWorkflow({
			workflow,
			pinData: { Input: [{ json: { depth } }] },
			staticData,
			mode,
			credentials: { realtimeBatchN8nApi: { apiKey: memory.apiKey, baseUrl: server.n8n.baseUrl } },
		});
		if (result.error) throw result.error;
		staticData = result.staticData;
		const name = workflow.nodes[1].name;
		return result
			.jsonOutputsOf(name)
			.slice(0, 2)
			.flat()
			.map((json) => `${json.notice} ${json.severity}${json.test ? ' (test)' : ''}`);
	};
	const row = async () => (await api.memoryRows(TABLE)).find((candidate) => candidate.key === 'test-workflow/node');

	test('switching from This Workflow carries a firing alert over; a test run and a rename change nothing', async () => {
		expect(await run(watch('workflow'), 250)).toEqual(['firing critical']);
		expect(savedMemory(staticData)).toBeDefined();
		// Switched to the shared table: the firing alert is not announced again.
		expect(await run(watch('dataTable'), 250)).toEqual([]);
		// Nothing changed, so nothing was written yet: the memory still comes from the static data.
		expect(await row()).toBeUndefined();
		// A test run shows what would happen, marked as a test, and saves nothing.
		expect(await run(watch('dataTable'), 50, 'manual')).toEqual(['resolved ok (test)']);
		expect(await row()).toBeUndefined();
		// Renamed (same node id): still the same alert, not a new one.
		expect(await run(watch('dataTable', 'Watch renamed'), 250)).toEqual([]);
		expect(await run(watch('dataTable', 'Watch renamed'), 50)).toEqual(['resolved ok']);
		// The first change created the row and moved the memory out of the static data.
		const saved = await row();
		expect([saved.version, saved.node]).toEqual([1, 'Watch renamed']);
		expect(JSON.parse(saved.memory).checks['Queue depth'].series).toEqual({});
		expect(savedMemory(staticData)).toBeUndefined();
		expect(await run(watch('dataTable', 'Watch renamed'), 250)).toEqual(['firing critical']);
		expect((await row()).version).toBe(2);
	});
});

describe('the alerting nodes with Shared Data Table memory', () => {
	const FILE = 'business-health.json';
	const alerts = () => slackTexts.filter((text) => /Payment failure rate/.test(text));
	const quick = (template) => {
		const copy = everySeconds(3)(withSharedAlertMemory(template));
		const monitor = copy.nodes.find((node) => node.type === 'n8n-nodes-realtime-batch.healthMonitor');
		// Reminders every 12 s instead of every hour.
		monitor.parameters.checks.check[0].options.renotifyMinutes = 0.2;
		return withCredentials(copy, server.credentials);
	};

	test('business health: fires once, reminds once, keeps its memory over a restart, resolves once', async () => {
		slackTexts = [];
		const workflowId = await server.importAndActivate(FILE, quick);
		const until = (condition, what) =>
			server.until(condition, what, { file: FILE, deadlineMs: 90_000, context: () => `Slack got ${JSON.stringify(slackTexts)}` });
		await until(() => alerts().length >= 1, 'the alert');
		expect(alerts()[0]).toMatch(/^CRITICAL Payment failure rate/);
		const rowsAfterFiring = (await api.memoryRows()).filter((row) => row.key.startsWith(`${workflowId}/`));
		expect(rowsAfterFiring).toHaveLength(1);
		expect(rowsAfterFiring[0].node).toBe('Health checks');
		const saved = JSON.parse(rowsAfterFiring[0].memory);
		expect(saved.checks['Payment failure rate'].series['Payment failure rate']).toMatchObject({ state: 'firing', severity: 'critical', announced: true });
		// The node's own static data holds nothing: the memory is in the table.
		expect((await server.staticData(FILE)).global?.alertMemory?.[rowsAfterFiring[0].key.split('/')[1]]).toBeUndefined();

		await until(() => alerts().length >= 2, 'the reminder');
		expect(alerts()[1]).toMatch(/^CRITICAL Payment failure rate/);
		const beforeRestart = alerts().length;
		await server.restart();
		// Runs after the restart: no second "firing" (the memory held), at most a reminder when due.
		const runsAfter = Date.now();
		await until(() => Date.now() - runsAfter > 7000, '7 s of runs after the restart');
		expect(alerts().length - beforeRestart).toBeLessThanOrEqual(1);

		failing = false;
		await until(() => slackTexts.some((text) => /^RESOLVED Payment failure rate/.test(text)), 'the resolve');
		const settled = Date.now();
		await until(() => Date.now() - settled > 7000, '7 s of healthy runs');
		await server.rest.post(`/workflows/${workflowId}/deactivate`);
		const notices = slackTexts.filter((text) => /Payment failure rate/.test(text));
		expect(notices.filter((text) => text.startsWith('RESOLVED'))).toHaveLength(1);
		expect(notices[notices.length - 1]).toMatch(/^RESOLVED/);
		record('Alert memory', 'business-health with Shared Data Table memory (every 3 s, reminders every 12 s, one restart)', {
			'alerts and reminders': notices.length - 1,
			'resolved messages': 1,
			'memory rows': (await api.memoryRows()).filter((row) => row.key.startsWith(`${workflowId}/`)).length,
		});
		failing = true;
	});

	async function raceOf(memoryChoice, webhookPath) {
		slackTexts = [];
		const created = await server.rest.createWorkflow(racingWorkflow('healthMonitor', memoryChoice, webhookPath, server.credentials));
		await server.rest.activateAndWaitForWebhooks(created.id);
		const replies = await Promise.all(Array.from({ length: 10 }, () => server.post(webhookPath, { depth: 250 })));
		expect(replies.map((reply) => reply.status)).toEqual(Array(10).fill(200));
		await server.until(async () => {
			const page = await server.rest.get(`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: created.id }))}&limit=20`);
			const finished = (page.results ?? []).filter((execution) => execution.status !== 'running' && execution.status !== 'new');
			return finished.length >= 10 ? finished : undefined;
		}, 'ten finished executions');
		await server.rest.post(`/workflows/${created.id}/deactivate`);
		return slackTexts.filter((text) => /Queue depth/.test(text));
	}

	test('ten executions of one monitor at the same moment: one alert with Shared Data Table memory', async () => {
		const shared = await raceOf('dataTable', 'race-shared');
		expect(shared).toEqual(['CRITICAL Queue depth (Queue depth): body.depth is 250, at or above the critical threshold 200.']);
		// This Workflow memory: every execution starts from the static data saved before the burst.
		const local = await raceOf('workflow', 'race-local');
		record('Alert memory', 'Ten executions of one monitor at the same moment (regular mode)', {
			'alerts, Shared Data Table': shared.length,
			'alerts, This Workflow': local.length,
		});
		expect(local.length).toBeGreaterThan(1);
	});

	test('with the public API turned off, a run fails with an error that says so, and sends nothing', async () => {
		slackTexts = [];
		await server.restart({ N8N_PUBLIC_API_DISABLED: 'true' });
		const created = await server.rest.createWorkflow(racingWorkflow('healthMonitor', 'dataTable', 'api-off', server.credentials));
		await server.rest.activateAndWaitForWebhooks(created.id);
		await server.post('api-off', { depth: 250 });
		const failed = await server.until(async () => {
			const page = await server.rest.get(`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: created.id }))}&limit=5`);
			return (page.results ?? []).find((execution) => execution.status === 'error');
		}, 'the failed execution');
		const execution = await server.rest.get(`/executions/${failed.id}`);
		expect(String(execution.data)).toContain('Alert memory (Data Table \\"alert_memory\\"): n8n refused the API key (401)');
		expect(slackTexts).toEqual([]);
	});
});
