/**
 * 10,000 series in one evaluation, with the saved state of 10,000 series from the previous
 * evaluation, through n8n's real engine: the Health Monitor against NoOp on the same items.
 */
'use strict';

const path = require('node:path');
const { runWorkflow } = require('../../test/engine/harness');
const { REPEATS, chainWorkflow, compareConfigurations, median, randomSequence } = require('./common');

const DIST = path.join(__dirname, '..', '..', 'dist', 'nodes', 'shared');

/**
 * Times the two parts of a Health Monitor run from inside, in the very runs the engine makes: the
 * evaluation (evaluateChecks) and the whole alert-memory step around it (runWithMemory: read the
 * memory, decode it, evaluate, encode, write); the state store is the second minus the first.
 * The compiled node calls both through their modules' exports, so a wrapper there sees every call.
 */
function timeParts() {
	const timings = { evaluate: [], withMemory: [] };
	const wrap = (module, name, into) => {
		const inner = module[name];
		module[name] = function timed(...args) {
			const started = performance.now();
			const result = inner.apply(this, args);
			if (result instanceof Promise) return result.finally(() => into.push(performance.now() - started));
			into.push(performance.now() - started);
			return result;
		};
	};
	wrap(require(path.join(DIST, 'health', 'evaluate.js')), 'evaluateChecks', timings.evaluate);
	wrap(require(path.join(DIST, 'alertMemory', 'runWithMemory.js')), 'runWithMemory', timings.withMemory);
	return timings;
}

const SERIES = Number(process.env.BENCH_SERIES ?? 10_000);

function makeItems(count, seed) {
	const next = randomSequence(seed);
	return Array.from({ length: count }, (_, index) => ({
		json: { service: `service-${String(index).padStart(5, '0')}`, latencyMs: Math.round(next() * 1200) },
	}));
}

const monitor = chainWorkflow({
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
					options: { pendingRuns: 2, noDataMinutes: 10 },
				},
			],
		},
	},
});
const noOp = chainWorkflow({ name: 'NoOp', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} });

async function benchHealthMonitor() {
	process.stdout.write(`\n== Health Monitor: ${SERIES.toLocaleString('en-US')} series, with the state of ${SERIES.toLocaleString('en-US')} series carried\n`);
	const previous = await runWorkflow({ workflow: monitor, pinData: { Start: makeItems(SERIES, 1) }, mode: 'trigger' });
	const staticData = previous.staticData;
	const items = makeItems(SERIES, 2);
	const configurations = [
		{
			label: `Health Monitor (1 check, ${SERIES.toLocaleString('en-US')} series)`,
			workflow: monitor,
			nodeNames: ['Health Monitor'],
			mode: 'trigger',
			staticData,
		},
		{ label: 'NoOp (pass-through: the engine floor)', workflow: noOp, nodeNames: ['NoOp'] },
	];
	const timings = timeParts();
	const { clean, busy } = await compareConfigurations(configurations, items);
	// The clean-heap pass only (after two warm-up runs), the runs the node ms above come from. Each run
	// evaluated once (a compare-and-swap retry would evaluate twice: none here).
	const pass = (values) => values.slice(2, 2 + REPEATS);
	const evaluateMs = median(pass(timings.evaluate));
	const storeMs = median(pass(timings.withMemory.map((total, index) => total - timings.evaluate[index])));
	const after = await runWorkflow({ workflow: monitor, pinData: { Start: items }, mode: 'trigger', staticData });
	const savedBytes = Buffer.byteLength(JSON.stringify(after.staticData));
	const ratio = clean[0].wallMs / clean[1].wallMs;
	const ratioBusy = busy[0].wallMs / busy[1].wallMs;
	process.stdout.write(
		`\nmedians; runs interleaved\n` +
			`whole run vs pass-through run:        ${ratio.toFixed(2)}x (busy heap ${ratioBusy.toFixed(2)}x; NoOp judges nothing and keeps no memory)\n` +
			`per series, evaluation:                ${((evaluateMs * 1000) / SERIES).toFixed(2)} µs (${evaluateMs.toFixed(1)} ms for ${SERIES.toLocaleString('en-US')} series)\n` +
			`per series, state store (This Workflow): ${((storeMs * 1000) / SERIES).toFixed(2)} µs (${storeMs.toFixed(1)} ms: read, decode, encode, write the memory)\n` +
			`per series, the rest of the node:     ${(((clean[0].nodeMs - evaluateMs - storeMs) * 1000) / SERIES).toFixed(2)} µs (settings, items in, outputs)\n` +
			`Shared Data Table store: see the memory benchmark below (npm run bench -- memory), which adds the API calls to a real n8n\n` +
			`saved static data: ${(savedBytes / 1024).toFixed(0)} KiB for ${SERIES.toLocaleString('en-US')} series ` +
			`(one fixed record per pending or firing series, none for healthy ones: it does not grow from run to run)\n`,
	);
}

module.exports = { benchHealthMonitor };
