/**
 * Routes 100,000 items with three rules through n8n's real engine and compares, in one run:
 * the Latency Classifier, n8n's Switch node with the same three rules, n8n's NoOp (a pass-through:
 * the engine's floor), a hand-written router and a bare JavaScript loop.
 */
'use strict';

const { registerNodeType } = require('../../test/engine/harness');
const { REPEATS, chainWorkflow, format, measureInterleaved, median, printTable, randomSequence, verdict } = require('./common');

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
	const [oursBusy, , floorBusy] = asItComes;
	const speedup = switchResult.nodeMs / ours.nodeMs;
	const floorRatio = ours.nodeMs / floor.nodeMs;
	const floorRatioBusy = oursBusy.nodeMs / floorBusy.nodeMs;
	const sameRouting = ours.counts[0] === loopCounts[0] && ours.counts[1] === loopCounts[1];
	process.stdout.write(
		`\nmedians; node ms is n8n's own executionTime for the node; Latency Classifier and NoOp runs interleaved\n` +
			`vs Switch, record on:             ${speedup.toFixed(0)}x faster (target: at least 100x) ${verdict(speedup >= 100)}\n` +
			`vs NoOp, record on, clean heap:    ${floorRatio.toFixed(2)}x the pass-through time (target: at most 2x) ${verdict(floorRatio <= 2)}\n` +
			`vs NoOp, record on, heap as comes: ${floorRatioBusy.toFixed(2)}x the pass-through time (target: at most 2x) ${verdict(floorRatioBusy <= 2)}\n` +
			`vs NoOp, record off, clean heap:   ${(withoutRecord.nodeMs / floor.nodeMs).toFixed(2)}x\n` +
			`hand-written router vs NoOp:       ${(hand.nodeMs / floor.nodeMs).toFixed(2)}x (clean heap)\n` +
			`vs bare loop, record on:           ${(ours.nodeMs / loopMs).toFixed(1)}x\n` +
			`same routing as the bare loop:     ${sameRouting ? 'yes' : 'NO'}\n`,
	);
}

module.exports = { benchLatencyClassifier };
