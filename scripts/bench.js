/**
 * npm run bench: routes 100,000 items with three rules through n8n's real engine and compares,
 * in one run on one machine: the Latency Classifier, n8n's Switch node with the same three rules,
 * n8n's NoOp (a pass-through: the engine's floor) and a bare JavaScript loop.
 * Only the process's own memory is used; nothing is sent anywhere.
 */
'use strict';

const { runWorkflow } = require('../test/engine/harness');

const ITEM_COUNT = Number(process.env.BENCH_ITEMS ?? 100_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const SWITCH_REPEATS = Number(process.env.BENCH_SWITCH_REPEATS ?? 1);

const EVENT_TYPES = ['new_lead', 'page_view', 'weekly_report', 'profile_update'];
const PRIORITIES = ['normal', 'vip', 'low', 'urgent', 'normal'];

/** Deterministic items, so every configuration routes exactly the same data. */
function makeItems(count) {
	const items = new Array(count);
	let seed = 42;
	const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
	for (let index = 0; index < count; index++) {
		items[index] = {
			json: {
				id: index,
				eventType: EVENT_TYPES[Math.floor(next() * EVENT_TYPES.length)],
				priority: PRIORITIES[Math.floor(next() * PRIORITIES.length)],
				cost: Math.round(next() * 1000) / 100,
			},
		};
	}
	return items;
}

const trigger = {
	id: 't',
	name: 'Start',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

function workflowWith(node) {
	return {
		nodes: [trigger, { id: 'n', position: [200, 0], ...node }],
		connections: { Start: { main: [[{ node: node.name, type: 'main', index: 0 }]] } },
	};
}

const classifier = workflowWith({
	name: 'Latency Classifier',
	type: 'n8n-nodes-realtime-batch.latencyClassifier',
	typeVersion: 1,
	parameters: {
		mode: 'rules',
		readyMadeRules: [],
		rules: {
			rule: [
				{ name: 'New lead', field: 'eventType', operator: 'equals', value: 'new_lead', delayCost: 'money' },
				{ name: 'VIP', field: 'priority', operator: 'isOneOf', value: 'vip, urgent', delayCost: 'trust' },
				{ name: 'Costly', field: 'cost', operator: 'greaterThan', value: '5', delayCost: 'money' },
			],
		},
		noMatchRoute: 'batch',
		timezone: 'UTC',
	},
});

/** One Switch rule as the editor saves it; several conditions are OR-ed (the Switch has no "is one of"). */
function switchRule(...conditions) {
	return {
		conditions: {
			options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
			conditions: conditions.map(([leftValue, operator, rightValue]) => ({ leftValue, rightValue, operator })),
			combinator: 'or',
		},
	};
}

const switchNode = workflowWith({
	name: 'Switch',
	type: 'n8n-nodes-base.switch',
	typeVersion: 3.2,
	parameters: {
		rules: {
			values: [
				switchRule(['={{ $json.eventType }}', { type: 'string', operation: 'equals' }, 'new_lead']),
				switchRule(
					['={{ $json.priority }}', { type: 'string', operation: 'equals' }, 'vip'],
					['={{ $json.priority }}', { type: 'string', operation: 'equals' }, 'urgent'],
				),
				switchRule(['={{ $json.cost }}', { type: 'number', operation: 'gt' }, 5]),
			],
		},
		options: { fallbackOutput: 'extra' },
	},
});

const noOp = workflowWith({ name: 'NoOp', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} });

function bareLoop(items) {
	const vip = new Set(['vip', 'urgent']);
	const realTime = [];
	const batch = [];
	for (let index = 0; index < items.length; index++) {
		const json = items[index].json;
		const urgent = json.eventType === 'new_lead' || vip.has(json.priority) || json.cost > 5;
		(urgent ? realTime : batch).push({ json, pairedItem: { item: index } });
	}
	return [realTime, batch];
}

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

async function measure(label, workflow, nodeName, items, repeats) {
	const nodeTimes = [];
	const wallTimes = [];
	let counts;
	for (let run = 0; run < repeats; run++) {
		const result = await runWorkflow({ workflow, pinData: { Start: items }, mode: 'manual' });
		if (result.error) throw new Error(`${label}: ${result.error.message}`);
		nodeTimes.push(result.executionTimeOf(nodeName));
		wallTimes.push(result.wallMs);
		counts = result.outputsOf(nodeName).map((output) => output.length);
	}
	return { label, nodeMs: median(nodeTimes), wallMs: median(wallTimes), counts, repeats };
}

function format(ms) {
	return ms >= 100 ? ms.toFixed(0) : ms.toFixed(1);
}

async function main() {
	const items = makeItems(ITEM_COUNT);
	process.stdout.write(`Routing ${ITEM_COUNT.toLocaleString('en-US')} items, Node ${process.version}\n`);

	// Warm-up: load node types and let V8 compile the hot paths before measuring.
	await measure('warm-up', classifier, 'Latency Classifier', items.slice(0, 5000), 3);
	await measure('warm-up', noOp, 'NoOp', items.slice(0, 5000), 3);

	const results = [];
	results.push(await measure('Latency Classifier (3 rules, decision record on)', classifier, 'Latency Classifier', items, REPEATS));
	results.push(await measure('NoOp (pass-through, engine floor)', noOp, 'NoOp', items, REPEATS));
	results.push(await measure('Switch 3.2 (3 rules + fallback)', switchNode, 'Switch', items, SWITCH_REPEATS));

	const loopTimes = [];
	let loopCounts;
	for (let run = 0; run < REPEATS; run++) {
		const started = performance.now();
		loopCounts = bareLoop(items).map((output) => output.length);
		loopTimes.push(performance.now() - started);
	}
	const loopMs = median(loopTimes);

	const [ours, floor, switchResult] = results;
	const rows = [
		...results.map((result) => [result.label, format(result.nodeMs), format(result.wallMs), result.counts.join(' / '), String(result.repeats)]),
		['Bare JavaScript loop (same comparisons)', format(loopMs), '-', loopCounts.join(' / '), String(REPEATS)],
	];
	const header = ['configuration', 'node ms', 'whole run ms', 'items per output', 'runs'];
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
	const line = (cells) => cells.map((cell, column) => cell.padEnd(widths[column])).join('  ');
	process.stdout.write(`\n${line(header)}\n${widths.map((width) => '-'.repeat(width)).join('  ')}\n`);
	for (const row of rows) process.stdout.write(`${line(row)}\n`);

	const speedup = switchResult.nodeMs / ours.nodeMs;
	const floorRatio = ours.nodeMs / floor.nodeMs;
	const realTimeMatches = ours.counts[0] === loopCounts[0] && ours.counts[1] === loopCounts[1];
	process.stdout.write(
		`\nmedians of the runs shown; node ms is n8n's own executionTime for the node\n` +
			`Latency Classifier vs Switch:  ${speedup.toFixed(0)}x faster (target: at least 100x) ${speedup >= 100 ? 'MET' : 'MISSED'}\n` +
			`Latency Classifier vs NoOp:    ${floorRatio.toFixed(2)}x the pass-through time (target: at most 2x) ${floorRatio <= 2 ? 'MET' : 'MISSED'}\n` +
			`Latency Classifier vs loop:    ${(ours.nodeMs / loopMs).toFixed(1)}x the bare loop\n` +
			`Same routing as the bare loop: ${realTimeMatches ? 'yes' : 'NO'}\n`,
	);
}

main().catch((error) => {
	process.stderr.write(`${error.stack ?? error}\n`);
	process.exit(1);
});
