/**
 * 10,000 series in one evaluation, with the saved state of 10,000 series from the previous
 * evaluation, through n8n's real engine: the Health Monitor against NoOp on the same items.
 */
'use strict';

const { runWorkflow } = require('../../test/engine/harness');
const { chainWorkflow, compareConfigurations, randomSequence, verdict } = require('./common');

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
	const { clean, busy } = await compareConfigurations(configurations, items);
	const after = await runWorkflow({ workflow: monitor, pinData: { Start: items }, mode: 'trigger', staticData });
	const savedBytes = Buffer.byteLength(JSON.stringify(after.staticData));
	const ratio = clean[0].wallMs / clean[1].wallMs;
	const ratioBusy = busy[0].wallMs / busy[1].wallMs;
	process.stdout.write(
		`\nmedians; runs interleaved\n` +
			`whole run vs pass-through run:        ${ratio.toFixed(2)}x (target: at most 1.5x) ${verdict(ratio <= 1.5)}\n` +
			`whole run vs pass-through, busy heap: ${ratioBusy.toFixed(2)}x (target: at most 1.5x) ${verdict(ratioBusy <= 1.5)}\n` +
			`saved static data: ${(savedBytes / 1024).toFixed(0)} KiB for ${SERIES.toLocaleString('en-US')} series ` +
			`(one fixed record per pending or firing series, none for healthy ones: it does not grow from run to run)\n`,
	);
}

module.exports = { benchHealthMonitor };
