/**
 * What every benchmark shares: deterministic data, workflows around one node, interleaved runs
 * through n8n's real engine, medians and a plain table. Only this process's memory is used.
 */
'use strict';

const diagnostics = require('node:diagnostics_channel');

const { runWorkflow } = require('../../test/engine/harness');

const REPEATS = Number(process.env.BENCH_REPEATS ?? 15);

/** A small deterministic generator, so every configuration sees exactly the same data. */
function randomSequence(seed = 42) {
	let state = seed;
	return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

const trigger = { id: 't', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };

/** Start -> node 1 -> node 2 ... (each node's first output feeds the next). */
function chainWorkflow(...nodes) {
	const all = [trigger, ...nodes.map((node, index) => ({ id: `n${index}`, position: [200 * (index + 1), 0], ...node }))];
	const connections = {};
	for (let index = 0; index < all.length - 1; index++) {
		connections[all[index].name] = { main: [[{ node: all[index + 1].name, type: 'main', index: 0 }]] };
	}
	return { nodes: all, connections };
}

/**
 * One run of a workflow over the items. With `cleanHeap`, the heap is collected first, so a node is
 * charged only for the garbage collection its own allocations cause; without it, a run also pays
 * for whatever earlier runs left behind, as in a busy n8n process.
 */
async function runOnce({ workflow, nodeNames, mode = 'manual', staticData }, items, cleanHeap) {
	if (cleanHeap) globalThis.gc();
	const result = await runWorkflow({ workflow, pinData: { Start: items }, mode, staticData });
	if (result.error) throw new Error(`${nodeNames.join(' -> ')}: ${result.error.message}`);
	const last = nodeNames[nodeNames.length - 1];
	return {
		nodeMs: nodeNames.reduce((sum, name) => sum + result.executionTimeOf(name), 0),
		wallMs: result.wallMs,
		counts: result.outputsOf(last).map((output) => output.length),
	};
}

/** Runs the configurations in turn (A B C A B C ...), so machine noise falls on all of them alike. */
async function measureInterleaved(configurations, items, repeats, cleanHeap) {
	const samples = configurations.map(() => []);
	for (let run = 0; run < repeats; run++) {
		for (const [index, configuration] of configurations.entries()) {
			samples[index].push(await runOnce(configuration, items, cleanHeap));
		}
	}
	return samples.map((runs) => ({
		nodeMs: median(runs.map((sample) => sample.nodeMs)),
		wallMs: median(runs.map((sample) => sample.wallMs)),
		counts: runs[0].counts,
		repeats: runs.length,
	}));
}

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

function format(ms) {
	return ms >= 100 ? ms.toFixed(0) : ms.toFixed(1);
}

function printTable(header, rows) {
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
	const line = (cells) =>
		cells
			.map((cell, column) => cell.padEnd(widths[column]))
			.join('  ')
			.trimEnd();
	process.stdout.write(`\n${line(header)}\n${widths.map((width) => '-'.repeat(width)).join('  ')}\n`);
	for (const row of rows) process.stdout.write(`${line(row)}\n`);
}

const verdict = (met) => (met ? 'MET' : 'MISSED');

/**
 * Runs the configurations interleaved, first with a clean heap, then with the heap as it comes,
 * and prints both side by side. Returns the medians of both passes.
 */
async function compareConfigurations(configurations, items) {
	await measureInterleaved(configurations, items.slice(0, 10_000), 2, false);
	const clean = await measureInterleaved(configurations, items, REPEATS, true);
	const busy = await measureInterleaved(configurations, items, REPEATS, false);
	printTable(
		['configuration', 'node ms', 'whole run ms', 'node ms, heap as it comes', 'whole run ms, heap as it comes', 'items per output', 'runs'],
		configurations.map(({ label }, index) => [
			label,
			format(clean[index].nodeMs),
			format(clean[index].wallMs),
			format(busy[index].nodeMs),
			format(busy[index].wallMs),
			clean[index].counts.join(' / '),
			String(REPEATS),
		]),
	);
	return { clean, busy };
}

/** Calls `onRequest(method)` as each HTTP request this process sends to `port` starts: node:http (n8n's helpers) and fetch (undici). Returns the unsubscribe. */
function onRequestsTo(port, onRequest) {
	const seen = (host, method) => {
		if (String(host ?? '').endsWith(`:${port}`)) onRequest(method);
	};
	const onHttp = ({ request }) => seen(request.getHeader('host'), request.method);
	const onFetch = ({ request }) => seen(request.origin, request.method);
	diagnostics.subscribe('http.client.request.start', onHttp);
	diagnostics.subscribe('undici:request:create', onFetch);
	return () => {
		diagnostics.unsubscribe('http.client.request.start', onHttp);
		diagnostics.unsubscribe('undici:request:create', onFetch);
	};
}

/** Counts the HTTP requests this process sends to `port`, by method. */
function requestCounter(port) {
	const counts = { all: 0, writes: 0 };
	const stop = onRequestsTo(port, (method) => {
		counts.all += 1;
		if (method !== 'GET') counts.writes += 1;
	});
	return { counts, stop };
}

module.exports = {
	REPEATS,
	randomSequence,
	chainWorkflow,
	measureInterleaved,
	compareConfigurations,
	median,
	format,
	printTable,
	onRequestsTo,
	requestCounter,
	verdict,
};
