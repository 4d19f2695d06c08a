/**
 * The per-run cost of each Alert Memory store: the Health Monitor through n8n's real engine with
 * This Workflow (static data) and with Shared Data Table memory on a real n8n on 127.0.0.1, for 1,
 * 1,000 and 10,000 series, the memory carried from the run before, with no series changing and with
 * 1% of them crossing the threshold each run. Node time, HTTP requests and writes per run, and a
 * hand-written floor: one GET and one PATCH of a row of the same size, by fetch.
 */
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runWorkflow } = require('../../test/engine/harness');
const { startN8n } = require('../n8n/server');
const { N8nRest } = require('../n8n/rest');
const { REQUIRED_SCOPES, publicApi } = require('../n8n/alertMemory');
const { chainWorkflow, format, median, printTable, requestCounter, verdict } = require('./common');

const SIZES = (process.env.BENCH_MEMORY_SERIES ?? '1,1000,10000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_MEMORY_RUNS ?? 7);

function monitorWorkflow(alertMemory, nodeId, noData) {
	const workflow = chainWorkflow({
		name: 'Health Monitor',
		type: 'n8n-nodes-realtime-batch.healthMonitor',
		typeVersion: 1,
		parameters: {
			checks: {
				check: [
					{
						name: 'Latency',
						checkType: 'metric',
						metricField: 'latencyMs',
						seriesField: 'service',
						condition: 'above',
						warning: 800,
						critical: 1000,
						options: { pendingRuns: 1, alertOnNoData: noData },
					},
				],
			},
			alertMemory,
			...(alertMemory === 'dataTable' ? { alertMemoryTable: 'bench_alert_memory' } : {}),
		},
		...(alertMemory === 'dataTable' ? { credentials: { realtimeBatchN8nApi: { id: 'bench', name: 'bench' } } } : {}),
	});
	// A node id of its own per configuration: each has its own row.
	workflow.nodes[1].id = nodeId;
	return workflow;
}

/**
 * Items of run `run`: one per series. Steady: the first 1% fire, always. Changing: a different 1%
 * fires in each run (and the 1% of the run before recovers); a single series flips every run.
 */
function itemsOf(count, run, changing) {
	if (count === 1) return [{ json: { service: 'service-00000', latencyMs: !changing || run % 2 === 0 ? 1200 : 100 } }];
	const share = Math.max(1, Math.floor(count / 100));
	const block = changing ? run % Math.ceil(count / share) : 0;
	const firing = (index) => Math.floor(index / share) === block;
	return Array.from({ length: count }, (_, index) => ({
		json: { service: `service-${String(index).padStart(5, '0')}`, latencyMs: firing(index) ? 1200 : 100 },
	}));
}

async function measure({ count, changing, alertMemory, credentials, counter, noData = false }) {
	const workflow = monitorWorkflow(alertMemory, `bench-${alertMemory}-${count}-${changing ? 'changing' : 'steady'}${noData ? '-nodata' : ''}`, noData);
	let staticData = {};
	const samples = [];
	for (let run = 0; run < RUNS + 2; run++) {
		const before = { ...counter.counts };
		const savedBefore = JSON.stringify(staticData);
		const result = await runWorkflow({ workflow, pinData: { Start: itemsOf(count, run, changing) }, staticData, credentials, mode: 'trigger' });
		if (result.error) throw new Error(`${alertMemory}, ${count} series: ${result.error.message}`);
		staticData = result.staticData;
		// The first two runs make the memory (and the table); the rest carry it.
		if (run < 2) continue;
		samples.push({
			nodeMs: result.executionTimeOf('Health Monitor'),
			requests: counter.counts.all - before.all,
			writes: alertMemory === 'dataTable' ? counter.counts.writes - before.writes : JSON.stringify(staticData) === savedBefore ? 0 : 1,
			alerts: result.outputsOf('Health Monitor')[0].length,
		});
	}
	return {
		nodeMs: median(samples.map((sample) => sample.nodeMs)),
		requests: samples.reduce((sum, sample) => sum + sample.requests, 0) / samples.length,
		writes: samples.reduce((sum, sample) => sum + sample.writes, 0) / samples.length,
		alerts: median(samples.map((sample) => sample.alerts)),
		memoryBytes: alertMemory === 'workflow' ? Buffer.byteLength(String(Object.values(staticData.global?.alertMemory ?? {})[0] ?? '')) : undefined,
	};
}

/** A memory row of about `bytes` for the reference measurements: { tableId, id, text }. */
async function paddingRow(api, key, bytes) {
	const tableId = await api.tableId('bench_alert_memory');
	const text = JSON.stringify({ padding: 'x'.repeat(Math.max(0, bytes - 16)) });
	const inserted = await api.request('POST', `/data-tables/${tableId}/rows`, { data: [{ key, version: 1, node: key, memory: text }], returnType: 'id' });
	return { tableId, id: inserted.body[0].id, text };
}

/** The floor: one GET of the node's row and one PATCH of it, by hand, with the memory text of that size. */
async function handWrittenFloor(api, bytes) {
	const { tableId, id } = await paddingRow(api, `floor-${bytes}`, bytes);
	const filter = (version) => ({
		type: 'and',
		filters: [
			{ columnName: 'id', condition: 'eq', value: id },
			{ columnName: 'version', condition: 'eq', value: version },
		],
	});
	const times = [];
	for (let run = 0; run < RUNS; run++) {
		const started = performance.now();
		const read = await api.request(
			'GET',
			`/data-tables/${tableId}/rows?filter=${encodeURIComponent(JSON.stringify({ type: 'and', filters: [{ columnName: 'key', condition: 'eq', value: `floor-${bytes}` }] }))}&limit=250`,
		);
		const row = read.body.data[0];
		await api.request('PATCH', `/data-tables/${tableId}/rows/update`, {
			filter: filter(row.version),
			data: { version: row.version + 1, memory: row.memory },
			returnData: true,
		});
		times.push(performance.now() - started);
	}
	return median(times);
}

/**
 * n8n's own HTTP Request node making the same two calls (GET the row, PATCH it back) on a row of
 * `bytes`: the cost of two calls through n8n's request machinery, as any node pays it.
 */
async function httpRequestNodes(api, baseUrl, apiKey, bytes) {
	const key = `http-node-${bytes}`;
	const { tableId, id, text } = await paddingRow(api, key, bytes);
	const byId = { type: 'and', filters: [{ columnName: 'id', condition: 'eq', value: id }] };
	const headers = { sendHeaders: true, headerParameters: { parameters: [{ name: 'X-N8N-API-KEY', value: apiKey }] } };
	const workflow = chainWorkflow(
		{
			name: 'GET the row',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			parameters: {
				url: `${baseUrl}/api/v1/data-tables/${tableId}/rows`,
				sendQuery: true,
				queryParameters: {
					parameters: [
						{ name: 'filter', value: JSON.stringify({ type: 'and', filters: [{ columnName: 'key', condition: 'eq', value: key }] }) },
						{ name: 'limit', value: '250' },
					],
				},
				...headers,
				options: {},
			},
		},
		{
			name: 'PATCH the row',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			parameters: {
				method: 'PATCH',
				url: `${baseUrl}/api/v1/data-tables/${tableId}/rows/update`,
				...headers,
				sendBody: true,
				specifyBody: 'json',
				jsonBody: JSON.stringify({ filter: byId, data: { version: 2, memory: text }, returnData: true }),
				options: {},
			},
		},
	);
	const times = [];
	for (let run = 0; run < RUNS + 1; run++) {
		const result = await runWorkflow({ workflow, pinData: { Start: [{ json: {} }] }, mode: 'trigger' });
		if (result.error) throw new Error(`HTTP Request nodes: ${result.error.message}`);
		if (run > 0) times.push(result.executionTimeOf('GET the row') + result.executionTimeOf('PATCH the row'));
	}
	return median(times);
}

/** The median time of a GET of one small row: the fixed cost of any call to n8n's public API. */
async function smallRead(api) {
	const tableId = await api.tableId('bench_alert_memory');
	const times = [];
	for (let run = 0; run < RUNS * 3; run++) {
		const started = performance.now();
		await api.request('GET', `/data-tables/${tableId}/rows?limit=1`);
		times.push(performance.now() - started);
	}
	return median(times);
}

async function benchAlertMemory() {
	process.stdout.write(`\n== Alert Memory stores: the Health Monitor, memory carried from the run before, ${RUNS} runs per row (medians)\n`);
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'realtime-batch-bench-memory-'));
	const n8n = await startN8n({ userFolder, extraEnv: { N8N_LOG_LEVEL: 'warn' }, logFile: path.join(userFolder, 'n8n.log') });
	const counter = requestCounter(n8n.port);
	try {
		const rest = new N8nRest(n8n.baseUrl);
		await rest.ownerSession();
		const apiKey = await rest.createApiKey('bench', [...REQUIRED_SCOPES]);
		const credentials = { realtimeBatchN8nApi: { apiKey, baseUrl: n8n.baseUrl } };
		const rows = [];
		const results = {};
		const largest = Math.max(...SIZES);
		// With Alert on No Data every series is remembered (to notice it going silent), not only the alerting ones.
		const cases = [...SIZES.flatMap((count) => [false, true].map((changing) => ({ count, changing }))), { count: largest, changing: true, noData: true }];
		for (const { count, changing, noData } of cases) {
			{
				for (const alertMemory of ['workflow', 'dataTable']) {
					const result = await measure({ count, changing, alertMemory, credentials, counter, noData });
					results[`${count}/${changing}/${alertMemory}${noData ? '/noData' : ''}`] = result;
					rows.push([
						count.toLocaleString('en-US'),
						(changing ? (count === 1 ? 'flips every run' : '1% cross, 1% recover') : 'none') + (noData ? ' (Alert on No Data)' : ''),
						alertMemory === 'workflow' ? 'This Workflow' : 'Shared Data Table',
						format(result.nodeMs),
						result.requests.toFixed(1),
						result.writes.toFixed(1),
						String(result.alerts),
						result.memoryBytes === undefined ? '' : (result.memoryBytes / 1024).toFixed(1),
					]);
				}
			}
		}
		printTable(['series', 'changing per run', 'Alert Memory', 'node ms', 'requests/run', 'writes/run', 'alert items/run', 'memory KiB'], rows);

		const staticLargest = results[`${largest}/true/workflow`];
		const sharedLargest = results[`${largest}/true/dataTable`];
		const everySeries = results[`${largest}/true/workflow/noData`];
		const floorMs = await handWrittenFloor(publicApi(n8n.baseUrl, apiKey), staticLargest.memoryBytes ?? 1000);
		const floorEveryMs = await handWrittenFloor(publicApi(n8n.baseUrl, apiKey), everySeries.memoryBytes ?? 1000);
		const ratioEvery = results[`${largest}/true/dataTable/noData`].nodeMs / everySeries.nodeMs;
		const smallGetMs = await smallRead(publicApi(n8n.baseUrl, apiKey));
		const httpNodesMs = await httpRequestNodes(publicApi(n8n.baseUrl, apiKey), n8n.baseUrl, apiKey, staticLargest.memoryBytes ?? 1000);
		const httpNodesEveryMs = await httpRequestNodes(publicApi(n8n.baseUrl, apiKey), n8n.baseUrl, apiKey, everySeries.memoryBytes ?? 1000);
		// The yardstick that fits a store behind two HTTP calls: This Workflow's judging plus the two
		// calls as n8n's own HTTP Request node makes them.
		const reference = staticLargest.nodeMs + httpNodesMs;
		const referenceEvery = everySeries.nodeMs + httpNodesEveryMs;
		const sharedEvery = results[`${largest}/true/dataTable/noData`].nodeMs;
		const steadyWrites = SIZES.flatMap((count) => ['workflow', 'dataTable'].map((store) => results[`${count}/false/${store}`].writes));
		const single = Math.max(results['1/false/dataTable']?.requests ?? 0, results['1/true/dataTable']?.requests ?? 0);
		const ratio = sharedLargest.nodeMs / staticLargest.nodeMs;
		process.stdout.write(
			`\nhand-written floor, one GET and one PATCH of a ${((staticLargest.memoryBytes ?? 0) / 1024).toFixed(0)} KiB row by fetch: ${format(floorMs)} ms ` +
				`(Shared Data Table node time above it: ${format(sharedLargest.nodeMs - floorMs)} ms)\n` +
				`runs in which nothing changed write nothing (both stores):          writes/run ${steadyWrites.map((value) => value.toFixed(1)).join(', ')} ${verdict(steadyWrites.every((value) => value === 0))}\n` +
				`single series, Shared Data Table: at most 2 requests per run:      ${single.toFixed(1)} ${verdict(single <= 2)}\n` +
				`${largest.toLocaleString('en-US')} series, 1% changing: Shared Data Table vs This Workflow node time: ${ratio.toFixed(2)}x (target: at most 3x) ${verdict(ratio <= 3)}\n` +
				`  the same with Alert on No Data (every series remembered): ${ratioEvery.toFixed(2)}x; the floor alone (GET + PATCH of ${((everySeries.memoryBytes ?? 0) / 1024).toFixed(0)} KiB by fetch) ` +
				`is ${format(floorEveryMs)} ms, ${(floorEveryMs / everySeries.nodeMs).toFixed(2)}x This Workflow's node time\n` +
				`n8n's public API answers a one-row GET in ${format(smallGetMs)} ms here: two such calls alone are ${((2 * smallGetMs) / staticLargest.nodeMs).toFixed(2)}x This Workflow's node time\n` +
				`n8n's HTTP Request node, GET then PATCH of the same row (two nodes): ${format(httpNodesMs)} ms (${format(httpNodesEveryMs)} ms for the ${((everySeries.memoryBytes ?? 0) / 1024).toFixed(0)} KiB row)\n` +
				`proposed target, Shared Data Table at most 1.25x (This Workflow + those two HTTP Request nodes): ` +
				`${format(sharedLargest.nodeMs)} vs ${format(reference)} ms, ${(sharedLargest.nodeMs / reference).toFixed(2)}x ${verdict(sharedLargest.nodeMs <= 1.25 * reference)}; ` +
				`with Alert on No Data ${format(sharedEvery)} vs ${format(referenceEvery)} ms, ${(sharedEvery / referenceEvery).toFixed(2)}x ${verdict(sharedEvery <= 1.25 * referenceEvery)}\n`,
		);
	} finally {
		counter.stop();
		await n8n.stop();
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

module.exports = { benchAlertMemory };
