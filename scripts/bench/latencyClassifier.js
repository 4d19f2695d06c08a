/**
 * Routes 100,000 items with three rules through n8n's real engine and compares, in one run:
 * the Latency Classifier, n8n's Switch node with the same three rules, n8n's NoOp (a pass-through:
 * the engine's floor), a hand-written router and a bare JavaScript loop. Then the shape of a webhook
 * path: 10,000 executions of one item each, node time per execution.
 */
'use strict';

const { registerNodeType, runWorkflow, nodeTypes } = require('../../test/engine/harness');
const { REPEATS, chainWorkflow, format, measureInterleaved, median, printTable, randomSequence, verdict } = require('./common');

const EXECUTIONS = Number(process.env.BENCH_EXECUTIONS ?? 10_000);

const ITEM_COUNT = Number(process.env.BENCH_ITEMS ?? 100_000);
const SWITCH_REPEATS = Number(process.env.BENCH_SWITCH_REPEATS ?? 1);

const EVENT_TYPES = ['new_lead', 'page_view', 'weekly_report', 'profile_update'];
const PRIORITIES = ['normal', 'vip', 'low', 'urgent', 'normal'];

/** Deterministic items, so every configuration routes exactly the same data. */
function makeItems(count) {
	const items = new Array(count);
	const next = randomSequence();
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

const workflowWith = (node) => chainWorkflow(node);

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

const classifierWithoutRecord = workflowWith({
	...classifier.nodes[1],
	parameters: { ...classifier.nodes[1].parameters, options: { includeDecision: false } },
});

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

/**
 * The same three rules hard-coded into a node: no settings, no generality, the same decision record
 * shape. It shows what any router that copies each item to add a record costs in this engine.
 */
class HandWrittenRouter {
	description = {
		displayName: 'Hand-Written Router',
		name: 'handWrittenRouter',
		group: ['transform'],
		version: 1,
		description: 'Benchmark reference',
		defaults: { name: 'Hand-Written Router' },
		inputs: ['main'],
		outputs: ['main', 'main'],
		properties: [],
	};

	async execute() {
		const decisions = {
			lead: Object.freeze({ route: 'realTime', decidedBy: 'rule', rule: 'New lead' }),
			vip: Object.freeze({ route: 'realTime', decidedBy: 'rule', rule: 'VIP' }),
			costly: Object.freeze({ route: 'realTime', decidedBy: 'rule', rule: 'Costly' }),
			none: Object.freeze({ route: 'batch', decidedBy: 'noMatch' }),
		};
		const items = this.getInputData();
		const realTime = [];
		const batch = [];
		for (let index = 0; index < items.length; index++) {
			const item = items[index];
			const json = item.json;
			const decision =
				json.eventType === 'new_lead'
					? decisions.lead
					: json.priority === 'vip' || json.priority === 'urgent'
						? decisions.vip
						: json.cost > 5
							? decisions.costly
							: decisions.none;
			item.json = { ...json, latency: decision };
			(decision.route === 'realTime' ? realTime : batch).push(item);
		}
		return [realTime, batch];
	}
}
registerNodeType('bench.handWrittenRouter', new HandWrittenRouter());
const handWritten = workflowWith({ name: 'Hand-Written Router', type: 'bench.handWrittenRouter', typeVersion: 1, parameters: {} });

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

async function benchLatencyClassifier() {
	const items = makeItems(ITEM_COUNT);
	process.stdout.write(`\n== Latency Classifier: routing ${ITEM_COUNT.toLocaleString('en-US')} items\n`);

	const fast = [
		{ label: 'Latency Classifier, decision record on', workflow: classifier, nodeNames: ['Latency Classifier'] },
		{ label: 'Latency Classifier, decision record off', workflow: classifierWithoutRecord, nodeNames: ['Latency Classifier'] },
		{ label: 'NoOp (pass-through: the engine floor)', workflow: noOp, nodeNames: ['NoOp'] },
		{ label: 'Hand-written router, same rules, record on', workflow: handWritten, nodeNames: ['Hand-Written Router'] },
	];
	// Warm-up: load node types and let V8 compile the hot paths before measuring.
	await measureInterleaved(fast, items.slice(0, 10_000), 3, false);
	const clean = await measureInterleaved(fast, items, REPEATS, true);
	const asItComes = await measureInterleaved(fast, items, REPEATS, false);
	const [switchResult] = await measureInterleaved([{ workflow: switchNode, nodeNames: ['Switch'] }], items, SWITCH_REPEATS, true);

	const loopTimes = [];
	let loopCounts;
	for (let run = 0; run < REPEATS; run++) {
		const started = performance.now();
		loopCounts = bareLoop(items).map((output) => output.length);
		loopTimes.push(performance.now() - started);
	}
	const loopMs = median(loopTimes);

	const rows = fast.map(({ label }, index) => [
		label,
		format(clean[index].nodeMs),
		format(asItComes[index].nodeMs),
		format(clean[index].wallMs),
		clean[index].counts.join(' / '),
		String(REPEATS),
	]);
	rows.push([
		'Switch 3.2, same 3 rules + fallback output',
		format(switchResult.nodeMs),
		'-',
		format(switchResult.wallMs),
		switchResult.counts.join(' / '),
		String(SWITCH_REPEATS),
	]);
	rows.push(['Bare JavaScript loop, same comparisons', format(loopMs), '-', '-', loopCounts.join(' / '), String(REPEATS)]);
	printTable(['configuration', 'node ms, clean heap', 'node ms, heap as it comes', 'whole run ms', 'items per output', 'runs'], rows);

	const [ours, withoutRecord, floor, hand] = clean;
	const [oursBusy, , floorBusy, handBusy] = asItComes;
	const speedup = switchResult.nodeMs / ours.nodeMs;
	const handRatio = ours.nodeMs / hand.nodeMs;
	const handRatioBusy = oursBusy.nodeMs / handBusy.nodeMs;
	const sameRouting = ours.counts[0] === loopCounts[0] && ours.counts[1] === loopCounts[1];
	process.stdout.write(
		`\nmedians; node ms is n8n's own executionTime for the node; Latency Classifier and NoOp runs interleaved\n` +
			`vs Switch, record on:             ${speedup.toFixed(0)}x faster (target: at least 100x) ${verdict(speedup >= 100)}\n` +
			`vs hand-written router, record on, clean heap:    ${handRatio.toFixed(2)}x (target: at most 1.5x) ${verdict(handRatio <= 1.5)}\n` +
			`vs hand-written router, record on, heap as comes: ${handRatioBusy.toFixed(2)}x (target: at most 1.5x) ${verdict(handRatioBusy <= 1.5)}\n` +
			`vs NoOp, record on / off, clean heap:   ${(ours.nodeMs / floor.nodeMs).toFixed(2)}x / ${(withoutRecord.nodeMs / floor.nodeMs).toFixed(2)}x (NoOp copies nothing; any router that adds a field copies each item)\n` +
			`hand-written router vs NoOp:       ${(hand.nodeMs / floor.nodeMs).toFixed(2)}x (clean heap)\n` +
			`vs bare loop, record on:           ${(ours.nodeMs / loopMs).toFixed(1)}x\n` +
			`same routing as the bare loop:     ${sameRouting ? 'yes' : 'NO'}\n`,
	);
	await benchSingleItem(items);
}

/**
 * A copy of a node type whose execute is timed with performance.now(): n8n's own executionTime is
 * in whole milliseconds, too coarse for one item. The node runs exactly as in n8n (same description,
 * parameters and engine); the timer adds about a microsecond to every configuration alike.
 */
function timedNodeType(type, version, samples, index) {
	const inner = nodeTypes.getByNameAndVersion(type, version);
	const name = `timed${index}${type.replace(/\W/g, '')}V${version}`;
	registerNodeType(`bench.${name}`, {
		description: { ...inner.description, name, version },
		async execute() {
			const started = performance.now();
			try {
				return await inner.execute.call(this);
			} finally {
				samples.push(performance.now() - started);
			}
		},
	});
	return `bench.${name}`;
}

const quantile = (values, q) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
const microseconds = (ms) => `${(ms * 1000).toFixed(0)} µs`;

/**
 * The real-time path: a webhook starts one execution per event, with one item. 10,000 executions
 * of each configuration, interleaved one by one, through n8n's engine in webhook mode.
 */
async function benchSingleItem(items) {
	process.stdout.write(`\n== Latency Classifier on a webhook path: ${EXECUTIONS.toLocaleString('en-US')} executions of one item each\n`);
	const rules = classifier.nodes[1].parameters;
	const configurations = [
		{ label: 'Latency Classifier v2, same 3 rules, record on', type: 'n8n-nodes-realtime-batch.latencyClassifier', version: 2, parameters: rules },
		{
			label: 'Latency Classifier v2, compiled every execution (an expression in Timezone)',
			type: 'n8n-nodes-realtime-batch.latencyClassifier',
			version: 2,
			parameters: { ...rules, timezone: '={{ "UTC" }}' },
		},
		{ label: 'NoOp (pass-through: the engine floor)', type: 'n8n-nodes-base.noOp', version: 1, parameters: {} },
		{ label: 'Hand-written router, same rules, record on', type: 'bench.handWrittenRouter', version: 1, parameters: {} },
	].map((configuration, index) => {
		const samples = [];
		const type = timedNodeType(configuration.type, configuration.version, samples, index);
		const workflow = chainWorkflow({ name: 'Node', type, typeVersion: configuration.version, parameters: configuration.parameters });
		return { ...configuration, workflow, samples, n8nMs: [], wallMs: [], counts: [0, 0] };
	});
	const runOne = async (configuration, item, keep) => {
		const result = await runWorkflow({ workflow: configuration.workflow, pinData: { Start: [item] }, mode: 'webhook' });
		if (result.error) throw new Error(`${configuration.label}: ${result.error.message}`);
		if (!keep) return configuration.samples.pop();
		configuration.n8nMs.push(result.executionTimeOf('Node'));
		configuration.wallMs.push(result.wallMs);
		result.outputsOf('Node').forEach((output, index) => (configuration.counts[index] += output.length));
	};
	for (let warm = 0; warm < 500; warm++) for (const configuration of configurations) await runOne(configuration, items[warm], false);
	for (let execution = 0; execution < EXECUTIONS; execution++) {
		for (const configuration of configurations) await runOne(configuration, items[execution % items.length], true);
	}
	printTable(
		['configuration', 'node time, median', 'p95', 'mean', "n8n's executionTime, mean", 'whole execution, median', 'items per output'],
		configurations.map((configuration) => [
			configuration.label,
			microseconds(median(configuration.samples)),
			microseconds(quantile(configuration.samples, 0.95)),
			microseconds(configuration.samples.reduce((sum, value) => sum + value, 0) / configuration.samples.length),
			`${(configuration.n8nMs.reduce((sum, value) => sum + value, 0) / configuration.n8nMs.length).toFixed(3)} ms`,
			microseconds(median(configuration.wallMs)),
			configuration.counts.join(' / '),
		]),
	);
	const [ours, uncached, floor, hand] = configurations;
	const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;
	const ratio = (a, b, q) => quantile(a.samples, q) / quantile(b.samples, q);
	const engineRatio = mean(ours.n8nMs) / mean(floor.n8nMs);
	const sameRouting = ours.counts.join() === hand.counts.join();
	process.stdout.write(
		`\nconfigurations interleaved execution by execution; n8n's executionTime is whole milliseconds per execution, so only its mean says something\n` +
			`n8n's executionTime vs NoOp, mean:  ${engineRatio.toFixed(2)}x NoOp's per-execution time (target: at most 2x) ${verdict(engineRatio <= 2)}\n` +
			`node's execute vs NoOp's, median:   ${ratio(ours, floor, 0.5).toFixed(1)}x (p95 ${ratio(ours, floor, 0.95).toFixed(1)}x; NoOp's execute only hands its input on)\n` +
			`node's execute vs hand-written:     ${ratio(ours, hand, 0.5).toFixed(1)}x (median; p95 ${ratio(ours, hand, 0.95).toFixed(1)}x)\n` +
			`kept vs compiled every execution:   ${ratio(uncached, ours, 0.5).toFixed(1)}x less node time with the compiled settings kept (median)\n` +
			`same routing as the hand-written router: ${sameRouting ? 'yes' : 'NO'}\n`,
	);
}

module.exports = { benchLatencyClassifier };
