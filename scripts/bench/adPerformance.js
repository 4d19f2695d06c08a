/**
 * 100,000 ad rows over 1,000 campaigns through n8n's real engine: the ROAS Calculator against the
 * chain an n8n user would build from n8n's own nodes (Summarize to sum per campaign, Edit Fields to
 * divide, If to compare with the target) and against a pass-through (NoOp), in the same run.
 */
'use strict';

const { chainWorkflow, compareConfigurations, randomSequence, verdict } = require('./common');

const ROW_COUNT = Number(process.env.BENCH_ROWS ?? 100_000);
const CAMPAIGNS = 1000;

function makeRows(count) {
	const next = randomSequence(7);
	const rows = new Array(count);
	for (let index = 0; index < count; index++) {
		const spend = Math.round(next() * 20_000) / 100;
		rows[index] = {
			json: {
				campaignName: `Campaign ${String(index % CAMPAIGNS).padStart(4, '0')}`,
				date: `2026-11-${String(1 + (index % 27)).padStart(2, '0')}`,
				spend,
				conversionValue: Math.round(spend * next() * 600) / 100,
				conversions: Math.floor(next() * 4),
				currency: 'USD',
			},
		};
	}
	return rows;
}

const roasCalculator = chainWorkflow({
	name: 'ROAS Calculator',
	type: 'n8n-nodes-realtime-batch.roasCalculator',
	typeVersion: 1,
	parameters: { targetRoas: 3, criticalRoas: 1, minSpend: 50 },
});

const n8nChain = chainWorkflow(
	{
		name: 'Summarize',
		type: 'n8n-nodes-base.summarize',
		typeVersion: 1.1,
		parameters: {
			fieldsToSummarize: {
				values: [
					{ aggregation: 'sum', field: 'spend' },
					{ aggregation: 'sum', field: 'conversionValue' },
				],
			},
			fieldsToSplitBy: 'campaignName',
			options: {},
		},
	},
	{
		name: 'Edit Fields',
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		parameters: {
			mode: 'manual',
			assignments: {
				assignments: [{ id: 'roas', name: 'roas', value: '={{ $json.sum_conversionValue / $json.sum_spend }}', type: 'number' }],
			},
			includeOtherFields: true,
			options: {},
		},
	},
	{
		name: 'If',
		type: 'n8n-nodes-base.if',
		typeVersion: 2.2,
		parameters: {
			conditions: {
				options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
				conditions: [{ id: 'below', leftValue: '={{ $json.roas }}', rightValue: 3, operator: { type: 'number', operation: 'lt' } }],
				combinator: 'and',
			},
			options: {},
		},
	},
);

const noOp = chainWorkflow({ name: 'NoOp', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} });

async function benchAdPerformance() {
	const rows = makeRows(ROW_COUNT);
	process.stdout.write(`\n== ROAS Calculator: ${ROW_COUNT.toLocaleString('en-US')} rows over ${CAMPAIGNS} campaigns\n`);
	const configurations = [
		{ label: 'ROAS Calculator (alerts on, per campaign)', workflow: roasCalculator, nodeNames: ['ROAS Calculator'], mode: 'trigger' },
		{ label: 'Summarize -> Edit Fields -> If (n8n nodes)', workflow: n8nChain, nodeNames: ['Summarize', 'Edit Fields', 'If'] },
		{ label: 'NoOp (pass-through: the engine floor)', workflow: noOp, nodeNames: ['NoOp'] },
	];
	const { clean, busy } = await compareConfigurations(configurations, rows);
	const [ours, chain, floor] = clean;
	const [oursBusy, chainBusy, floorBusy] = busy;
	const speedup = chain.nodeMs / ours.nodeMs;
	const wallRatio = ours.wallMs / floor.wallMs;
	const wallRatioBusy = oursBusy.wallMs / floorBusy.wallMs;
	process.stdout.write(
		`\nmedians; node ms is n8n's executionTime (summed over the chain's three nodes); runs interleaved; clean heap unless said\n` +
			`node time vs the n8n chain:             ${speedup.toFixed(1)}x below (target: at least 10x) ${verdict(speedup >= 10)}\n` +
			`node time vs the n8n chain, busy heap:  ${(chainBusy.nodeMs / oursBusy.nodeMs).toFixed(1)}x below\n` +
			`whole run vs pass-through run:          ${wallRatio.toFixed(2)}x (target: at most 1.3x) ${verdict(wallRatio <= 1.3)}\n` +
			`whole run vs pass-through, busy heap:   ${wallRatioBusy.toFixed(2)}x (target: at most 1.3x) ${verdict(wallRatioBusy <= 1.3)}\n`,
	);
}

module.exports = { benchAdPerformance };
