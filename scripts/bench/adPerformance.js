/**
 * 100,000 ad rows over 1,000 campaigns through n8n's real engine: the ROAS Calculator against the
 * chain an n8n user would build from n8n's own nodes (Summarize to sum per campaign, Edit Fields to
 * divide, If to compare with the target), against a hand-written aggregator with the same sums and
 * against a pass-through (NoOp), in the same run.
 */
'use strict';

const { registerNodeType } = require('../../test/engine/harness');
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

/**
 * The floor for a configurable aggregator: the same sums per campaign (spend, conversion value,
 * conversions, the period), the same three outputs and guards (minimum spend 50, target 3, critical
 * 1), one item per campaign linked to its rows, hard-coded, with no settings and no alert memory.
 */
class HandWrittenAggregator {
	description = {
		displayName: 'Hand-Written Aggregator',
		name: 'handWrittenAggregator',
		group: ['transform'],
		version: 1,
		description: 'Benchmark reference',
		defaults: { name: 'Hand-Written Aggregator' },
		inputs: ['main'],
		outputs: ['main', 'main', 'main'],
		properties: [],
	};

	async execute() {
		const items = this.getInputData();
		const groups = new Map();
		for (let index = 0; index < items.length; index++) {
			const json = items[index].json;
			let group = groups.get(json.campaignName);
			if (group === undefined) {
				group = {
					campaign: json.campaignName,
					spend: 0,
					conversionValue: 0,
					conversions: 0,
					currency: json.currency,
					from: json.date,
					to: json.date,
					items: [],
				};
				groups.set(json.campaignName, group);
			}
			group.spend += json.spend;
			group.conversionValue += json.conversionValue;
			group.conversions += json.conversions;
			if (json.date < group.from) group.from = json.date;
			if (json.date > group.to) group.to = json.date;
			group.items.push({ item: index });
		}
		const outputs = [[], [], []];
		for (const group of groups.values()) {
			const roas = group.spend > 0 ? group.conversionValue / group.spend : null;
			const output = group.spend < 50 ? 2 : roas < 3 ? 0 : 1;
			const severity = output === 2 ? null : roas < 1 ? 'critical' : roas < 3 ? 'warning' : 'ok';
			outputs[output].push({
				json: {
					campaign: group.campaign,
					roas,
					spend: group.spend,
					conversionValue: group.conversionValue,
					conversions: group.conversions,
					currency: group.currency,
					period: { from: group.from, to: group.to },
					target: 3,
					severity,
					message: output === 0 ? `${severity.toUpperCase()} ${group.campaign}: ROAS ${roas.toFixed(2)} is below the target of 3.` : null,
				},
				pairedItem: group.items,
			});
		}
		return outputs;
	}
}
registerNodeType('bench.handWrittenAggregator', new HandWrittenAggregator());
const handWritten = chainWorkflow({ name: 'Hand-Written Aggregator', type: 'bench.handWrittenAggregator', typeVersion: 1, parameters: {} });

async function benchAdPerformance() {
	const rows = makeRows(ROW_COUNT);
	process.stdout.write(`\n== ROAS Calculator: ${ROW_COUNT.toLocaleString('en-US')} rows over ${CAMPAIGNS} campaigns\n`);
	const configurations = [
		{ label: 'ROAS Calculator (alerts on, per campaign)', workflow: roasCalculator, nodeNames: ['ROAS Calculator'], mode: 'trigger' },
		{ label: 'Summarize -> Edit Fields -> If (n8n nodes)', workflow: n8nChain, nodeNames: ['Summarize', 'Edit Fields', 'If'] },
		{ label: 'NoOp (pass-through: the engine floor)', workflow: noOp, nodeNames: ['NoOp'] },
		{ label: 'Hand-written aggregator, same sums and outputs', workflow: handWritten, nodeNames: ['Hand-Written Aggregator'] },
	];
	const { clean, busy } = await compareConfigurations(configurations, rows);
	const [ours, chain, floor, hand] = clean;
	const [oursBusy, chainBusy, floorBusy, handBusy] = busy;
	const handRatio = ours.nodeMs / hand.nodeMs;
	const speedup = chain.nodeMs / ours.nodeMs;
	const wallRatio = ours.wallMs / floor.wallMs;
	const wallRatioBusy = oursBusy.wallMs / floorBusy.wallMs;
	process.stdout.write(
		`\nmedians; node ms is n8n's executionTime (summed over the chain's three nodes); runs interleaved; clean heap unless said\n` +
			`node time vs the n8n chain:             ${speedup.toFixed(1)}x below (target: at least 10x) ${verdict(speedup >= 10)}\n` +
			`node time vs the n8n chain, busy heap:  ${(chainBusy.nodeMs / oursBusy.nodeMs).toFixed(1)}x below\n` +
			`node time vs hand-written aggregator:   ${handRatio.toFixed(2)}x (target: at most 1.5x) ${verdict(handRatio <= 1.5)}\n` +
			`vs hand-written aggregator, busy heap:  ${(oursBusy.nodeMs / handBusy.nodeMs).toFixed(2)}x\n` +
			`whole run vs pass-through run:          ${wallRatio.toFixed(2)}x (busy heap ${wallRatioBusy.toFixed(2)}x; NoOp sums nothing)\n`,
	);
}

module.exports = { benchAdPerformance };
