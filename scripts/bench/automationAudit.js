/**
 * The Automation Audit on an instance of 1,000 workflows and 100,000 executions in its window (and
 * one of 10,000, to see whether memory grows with them): a real n8n on 127.0.0.1 (SQLite), the
 * executions written straight into its database (n8n stopped meanwhile, pruning off), the audit
 * run through n8n's engine in this process. Requests, wall time and the peak of this process's
 * heap above its resting level, against n8n's own nodes (n8n: Get Many executions, Return All ->
 * Summarize, count by workflow) and a hand-written floor (fetch, page by page, a count per
 * workflow), measured in the same run.
 */
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runWorkflow } = require('../../test/engine/harness');
const { inParallel } = require('../../test/e2e/templateServer');
const { startN8n } = require('../n8n/server');
const { N8nRest } = require('../n8n/rest');
const { RUNTIME } = require('../n8n/runtime');
const { chainWorkflow, format, onRequestsTo, printTable, requestCounter, verdict } = require('./common');

const WORKFLOWS = Number(process.env.BENCH_AUDIT_WORKFLOWS ?? 1000);
const SIZES = (process.env.BENCH_AUDIT_EXECUTIONS ?? '10000,100000').split(',').map(Number);
const PAGE = 250;
const DAY = 86_400_000;
const AUDIT_SCOPES = ['workflow:list', 'execution:list'];
const ENV = { N8N_LOG_LEVEL: 'warn', EXECUTIONS_DATA_PRUNE: 'false' };

const nodeAt = (name, type, parameters = {}, typeVersion = 1, index = 0) => ({
	id: `${index}`,
	name,
	type,
	typeVersion,
	position: [index * 220, 0],
	parameters,
});
/** Four kinds of workflow, as an instance holds them: a report on every webhook, an hourly lead follow-up, a nightly job, a manual one. */
function benchWorkflow(index) {
	const kinds = [
		[
			nodeAt('Webhook', 'n8n-nodes-base.webhook', { path: `bench-${index}`, httpMethod: 'POST' }, 2),
			nodeAt('Build the report', 'n8n-nodes-base.noOp', {}, 1, 1),
		],
		[
			nodeAt('Hourly', 'n8n-nodes-base.scheduleTrigger', { rule: { interval: [{ field: 'hours' }] } }, 1.2),
			nodeAt('Send the lead to the CRM', 'n8n-nodes-base.noOp', {}, 1, 1),
		],
		[
			nodeAt('Nightly', 'n8n-nodes-base.scheduleTrigger', { rule: { interval: [{ field: 'days', triggerAtHour: 2 }] } }, 1.2),
			nodeAt('Back up the orders', 'n8n-nodes-base.noOp', {}, 1, 1),
		],
		[nodeAt('By hand', 'n8n-nodes-base.manualTrigger'), nodeAt('Clean up', 'n8n-nodes-base.noOp', {}, 1, 1)],
	];
	const nodes = kinds[index % kinds.length];
	return { name: `Workflow ${index}`, nodes, connections: { [nodes[0].name]: { main: [[{ node: nodes[1].name, type: 'main', index: 0 }]] } }, settings: {} };
}

const sqliteTime = (ms) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

/** Adds `count` executions within the last seven days (and a fiftieth as many older ones), spread over the workflows. */
async function addExecutions(databaseFile, workflowIds, count, now) {
	const sqlite3 = require(path.join(RUNTIME, 'node_modules', 'sqlite3'));
	const db = new sqlite3.Database(databaseFile);
	const run = (sql, params = []) => new Promise((resolve, reject) => db.run(sql, params, (error) => (error ? reject(error) : resolve())));
	await run('BEGIN');
	const insert = db.prepare(
		'INSERT INTO execution_entity ("workflowId", "finished", "mode", "startedAt", "stoppedAt", "status", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?)',
	);
	const older = Math.floor(count / 50);
	for (let index = 0; index < count + older; index++) {
		// Oldest first, as n8n numbers them; the older ones 7 to 8 days back.
		const inWindow = index >= older;
		const started = inWindow ? now - 7 * DAY + 60_000 + ((index - older) * (7 * DAY - 120_000)) / count : now - 8 * DAY + (index * DAY) / older;
		// A few busy workflows, many quiet ones.
		const spread = (Math.imul(index, 2654435761) >>> 0) / 4294967296;
		const workflowId = workflowIds[Math.floor(spread * spread * workflowIds.length)];
		const failed = index % 50 === 0;
		insert.run([
			workflowId,
			failed ? 0 : 1,
			'webhook',
			sqliteTime(started),
			sqliteTime(started + 40 + (index % 200)),
			failed ? 'error' : 'success',
			sqliteTime(started),
		]);
	}
	await new Promise((resolve, reject) => insert.finalize((error) => (error ? reject(error) : resolve())));
	await run('COMMIT');
	await new Promise((resolve) => db.close(resolve));
	return count + older;
}

/** Runs `task` with this process's heap sampled every 2 ms; returns its result, wall ms and heap peak above the resting heap (MB), garbage included. */
async function measured(task) {
	globalThis.gc();
	const resting = process.memoryUsage().heapUsed;
	let peak = resting;
	const sampler = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage().heapUsed);
	}, 2);
	const started = performance.now();
	const result = await task();
	const wallMs = performance.now() - started;
	clearInterval(sampler);
	peak = Math.max(peak, process.memoryUsage().heapUsed);
	return { result, wallMs, peakMb: (peak - resting) / 1048576 };
}

/**
 * What `task` keeps: the heap after a full collection at the start of every request it sends (so
 * between pages, once the page before is garbage), its largest value above the resting heap (MB).
 * A separate pass: the collections cost time.
 */
async function retained(task, port) {
	globalThis.gc();
	const resting = process.memoryUsage().heapUsed;
	let largest = resting;
	const stop = onRequestsTo(port, () => {
		globalThis.gc();
		largest = Math.max(largest, process.memoryUsage().heapUsed);
	});
	try {
		const result = await task();
		if (result?.error) throw result.error;
		// What the task returns is kept too (the items of a node), so it counts.
		globalThis.gc();
		largest = Math.max(largest, process.memoryUsage().heapUsed);
		return (largest - resting) / 1048576;
	} finally {
		stop();
	}
}

const auditWorkflow = chainWorkflow({
	name: 'Audit',
	type: 'n8n-nodes-realtime-batch.automationAudit',
	typeVersion: 1,
	parameters: { workflows: 'all', windowDays: 7, output: 'workflowsAndSummary', options: {} },
	credentials: { realtimeBatchN8nApi: { id: 'a', name: 'a' } },
});

const n8nChain = chainWorkflow(
	{
		name: 'Executions',
		type: 'n8n-nodes-base.n8n',
		typeVersion: 1,
		parameters: { resource: 'execution', operation: 'getAll', returnAll: true, filters: {}, options: {}, requestOptions: {} },
		credentials: { n8nApi: { id: 'n', name: 'n' } },
	},
	{
		name: 'Per workflow',
		type: 'n8n-nodes-base.summarize',
		typeVersion: 1.1,
		parameters: { fieldsToSummarize: { values: [{ aggregation: 'count', field: 'id' }] }, fieldsToSplitBy: 'workflowId', options: {} },
	},
);

/** The floor: what a script written for this one job does, page by page, keeping one count per workflow. */
async function handWritten(baseUrl, apiKey, now) {
	const get = async (route, qs) => (await fetch(`${baseUrl}/api/v1${route}?${new URLSearchParams(qs)}`, { headers: { 'x-n8n-api-key': apiKey } })).json();
	const counts = new Map();
	for (let cursor; ; ) {
		const page = await get('/workflows', { limit: String(PAGE), excludePinnedData: 'true', ...(cursor ? { cursor } : {}) });
		for (const workflow of page.data) counts.set(workflow.id, 0);
		if (!page.nextCursor) break;
		cursor = page.nextCursor;
	}
	const startedAfter = new Date(now - 7 * DAY).toISOString();
	for (let cursor; ; ) {
		const page = await get('/executions', { limit: String(PAGE), includeData: 'false', startedAfter, ...(cursor ? { cursor } : {}) });
		for (const execution of page.data) counts.set(execution.workflowId, (counts.get(execution.workflowId) ?? 0) + 1);
		if (!page.nextCursor) break;
		cursor = page.nextCursor;
	}
	return counts;
}

async function benchAutomationAudit() {
	process.stdout.write(
		`\n== Automation Audit: ${WORKFLOWS.toLocaleString('en-US')} workflows, ${SIZES.map((size) => size.toLocaleString('en-US')).join(' and ')} executions in the window ==\n`,
	);
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'realtime-batch-bench-audit-'));
	const logFile = path.join(userFolder, 'n8n.log');
	let n8n = await startN8n({ userFolder, extraEnv: ENV, logFile });
	const rows = [];
	const figures = [];
	try {
		const rest = new N8nRest(n8n.baseUrl);
		await rest.ownerSession();
		const apiKey = await rest.createApiKey(`bench audit ${Date.now()}`, AUDIT_SCOPES);
		const allScopes = await rest.createApiKey(`bench n8n node ${Date.now()}`, ['execution:list', 'execution:read', 'workflow:list']);
		const setUp = performance.now();
		const ids = await inParallel(
			Array.from({ length: WORKFLOWS }, (_, index) => index),
			8,
			async (index) => (await rest.createWorkflow(benchWorkflow(index))).id,
		);
		process.stdout.write(`${WORKFLOWS} workflows created through the REST API in ${format((performance.now() - setUp) / 1000)} s\n`);
		let held = 0;
		for (const size of SIZES) {
			const now = Date.now();
			await n8n.stop();
			const added = performance.now();
			held += await addExecutions(path.join(userFolder, '.n8n', 'database.sqlite'), ids, size - (figures.at(-1)?.size ?? 0), now);
			process.stdout.write(
				`n8n holds ${held.toLocaleString('en-US')} executions (written to its database in ${format((performance.now() - added) / 1000)} s)\n`,
			);
			n8n = await startN8n({ userFolder, port: n8n.port, extraEnv: ENV, logFile });
			await rest.ownerSession();
			const counter = requestCounter(n8n.port);
			const credentials = {
				realtimeBatchN8nApi: { apiKey, baseUrl: n8n.baseUrl },
				n8nApi: { apiKey: allScopes, baseUrl: `${n8n.baseUrl}/api/v1` },
			};
			const configurations = [
				{ label: 'Automation Audit', run: () => runWorkflow({ workflow: auditWorkflow, credentials }) },
				{ label: "n8n's own: n8n (Get Many executions, Return All) -> Summarize", run: () => runWorkflow({ workflow: n8nChain, credentials }) },
				{ label: 'hand-written: fetch, a count per workflow', run: () => handWritten(n8n.baseUrl, apiKey, now) },
			];
			const results = [];
			for (const { label, run } of configurations) {
				const before = counter.counts.all;
				const outcome = await measured(run);
				if (outcome.result?.error) throw outcome.result.error;
				results.push({ label, requests: counter.counts.all - before, ...outcome, keptMb: await retained(run, n8n.port) });
			}
			counter.stop();
			const summary = results[0].result.jsonOutputsOf('Audit')[0].at(-1);
			const counted = results[0].result.jsonOutputsOf('Audit')[0].reduce((sum, item) => sum + (item.executions ?? 0), 0);
			const floorCounted = [...results[2].result.values()].reduce((sum, count) => sum + count, 0);
			if (counted !== size || floorCounted !== size)
				throw new Error(`the audit counted ${counted} and the floor ${floorCounted} of ${size} executions in the window`);
			figures.push({ size, audit: results[0], chain: results[1], floor: results[2], summary });
			for (const { label, requests, wallMs, peakMb, keptMb } of results)
				rows.push([size.toLocaleString('en-US'), label, String(requests), format(wallMs), format(keptMb), format(peakMb)]);
		}
		printTable(
			['executions in window', 'configuration', 'requests', 'wall ms', 'heap kept MB (largest, between pages)', 'heap peak MB (garbage included)'],
			rows,
		);
		const [small, large] = [figures[0], figures[figures.length - 1]];
		const pages = Math.ceil(WORKFLOWS / PAGE) + Math.ceil(large.size / PAGE);
		const growth = large.audit.keptMb / small.audit.keptMb;
		process.stdout.write(
			`\nAudit requests at ${large.size.toLocaleString('en-US')} executions: ${large.audit.requests} (pages of ${PAGE}: ${pages}, at most one more for an empty last page or the probe before the window): ${verdict(large.audit.requests <= pages + 2)}\n`,
		);
		process.stdout.write(
			`Audit heap kept, ${large.size.toLocaleString('en-US')} vs ${small.size.toLocaleString('en-US')} executions: ${format(large.audit.keptMb)} vs ${format(small.audit.keptMb)} MB = ${growth.toFixed(2)}x for ${(large.size / small.size).toFixed(0)}x the executions (target: does not grow, at most 1.5x): ${verdict(growth <= 1.5)}\n` +
				`Audit wall time vs the hand-written floor: ${(large.audit.wallMs / large.floor.wallMs).toFixed(2)}x; vs n8n's own nodes: ${(large.chain.wallMs / large.audit.wallMs).toFixed(2)}x faster, ${format(large.chain.keptMb)} vs ${format(large.audit.keptMb)} MB kept\n`,
		);
		process.stdout.write(
			`Summary of the ${large.size.toLocaleString('en-US')}-execution audit: ${JSON.stringify(large.summary.counts)}, ${large.summary.executionsSavedPerMonth.toLocaleString('en-US')} executions a month to save\n`,
		);
	} finally {
		await n8n.stop();
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

module.exports = { benchAutomationAudit };
