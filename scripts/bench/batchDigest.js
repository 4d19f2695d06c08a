/**
 * The Batch Digest over 1,000 / 10,000 / 100,000 queued rows through n8n's real engine, against the
 * chain the nightly template used before it (Set with the line expression + Aggregate) and NoOp;
 * then the nightly-batch template on a real n8n draining 10,000 and 100,000 rows: wall time, n8n's
 * peak memory (RSS), messages sent, rows deleted against rows delivered.
 */
'use strict';

const fs = require('node:fs');
const { runWorkflow } = require('../../test/engine/harness');
const { TemplateServer, everySeconds } = require('../../test/e2e/templateServer');
const { chainWorkflow, format, median, printTable, verdict } = require('./common');

const SIZES = (process.env.BENCH_DIGEST_ITEMS ?? '1000,10000,100000').split(',').map(Number);
const QUEUES = (process.env.BENCH_DIGEST_QUEUES ?? '10000,100000').split(',').filter(Boolean).map(Number);
const SLACK_LIMIT = 40_000;

function queueRows(count, prefix = 'row') {
	return Array.from({ length: count }, (_, index) => ({
		id: index + 1,
		eventType: ['report', 'data sync', 'newsletter', 'enrichment'][index % 4],
		source: 'lead intake',
		contact: `${prefix}-${index}@queue.example`,
		reason: `Matched the ready-made rule "Reporting": a one-hour delay costs nothing (customer ${prefix}-${index}).`,
		payload: JSON.stringify({ ref: `${prefix}-${index}` }),
		receivedAt: new Date(Date.parse('2026-12-01T08:00:00Z') + index * 1000).toISOString(),
	}));
}

const digestNode = {
	name: 'Batch Digest',
	type: 'n8n-nodes-realtime-batch.batchDigest',
	typeVersion: 1,
	parameters: {
		title: 'Nightly batch',
		line: '• {eventType}: {reason} {contact}',
		idField: 'id',
		options: { groupField: 'eventType', periodField: 'receivedAt' },
	},
};
/** The two nodes the template had before: a line per row by expression, then one list of lines and ids. */
const oldChain = [
	{
		name: 'Summarise each item',
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		parameters: {
			mode: 'manual',
			assignments: {
				assignments: [
					{
						id: 'line',
						name: 'line',
						value: "={{ '• ' + $json.eventType + ($json.contact ? ' (' + $json.contact + ')' : '') + ': ' + $json.reason }}",
						type: 'string',
					},
					{ id: 'id', name: 'id', value: '={{ $json.id }}', type: 'number' },
				],
			},
			includeOtherFields: false,
			options: {},
		},
	},
	{
		name: 'One digest',
		type: 'n8n-nodes-base.aggregate',
		typeVersion: 1,
		parameters: {
			aggregate: 'aggregateIndividualFields',
			fieldsToAggregate: { fieldToAggregate: [{ fieldToAggregate: 'line' }, { fieldToAggregate: 'id' }] },
			options: {},
		},
	},
];

async function engineComparison() {
	const configurations = [
		{ label: 'Batch Digest (one node)', workflow: chainWorkflow(digestNode), nodeNames: ['Batch Digest'] },
		{ label: 'Set + Aggregate (the template before)', workflow: chainWorkflow(...oldChain), nodeNames: ['Summarise each item', 'One digest'] },
		{
			label: 'NoOp (pass-through: the engine floor)',
			workflow: chainWorkflow({ name: 'NoOp', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} }),
			nodeNames: ['NoOp'],
		},
	];
	const rows = [];
	const ratios = [];
	for (const count of SIZES) {
		const items = queueRows(count).map((json) => ({ json }));
		const repeats = count >= 100_000 ? 3 : 7;
		const samples = configurations.map(() => []);
		for (let run = 0; run < repeats + 1; run++) {
			for (const [index, configuration] of configurations.entries()) {
				globalThis.gc();
				const result = await runWorkflow({ workflow: configuration.workflow, pinData: { Start: items }, mode: 'manual' });
				if (result.error) throw new Error(`${configuration.label}: ${result.error.message}`);
				if (run > 0) samples[index].push(configuration.nodeNames.reduce((sum, name) => sum + result.executionTimeOf(name), 0));
			}
		}
		const medians = samples.map(median);
		ratios.push({ count, ratio: medians[1] / medians[0] });
		for (const [index, configuration] of configurations.entries())
			rows.push([count.toLocaleString('en-US'), configuration.label, format(medians[index]), String(repeats)]);
	}
	printTable(['rows', 'configuration', 'node ms', 'runs'], rows);
	for (const { count, ratio } of ratios) {
		process.stdout.write(
			`${count.toLocaleString('en-US')} rows: Set + Aggregate vs Batch Digest node time ${ratio.toFixed(1)}x (target: at least 10x) ${verdict(ratio >= 10)}\n`,
		);
	}
}

/** Resident memory of a process now, in bytes. */
function rssOf(pid) {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) * 1024;
}

/** Peak resident memory of a process, sampled every 100 ms until stop(). */
function rssSampler(pid) {
	let peak = rssOf(pid);
	const timer = setInterval(() => {
		peak = Math.max(peak, rssOf(pid));
	}, 100);
	return { stop: () => (clearInterval(timer), peak) };
}

async function nightlyOnRealN8n() {
	const server = new TemplateServer();
	await server.start();
	const posts = [];
	server.world.on('slack.com', (request) => {
		posts.push(String(request.body.text ?? ''));
		return { status: 200, json: { ok: true, channel: 'C0DIGEST', ts: `${Date.now() / 1000}`, message: { text: '' } } };
	});
	const rows = [];
	try {
		for (const count of QUEUES) {
			posts.length = 0;
			const queued = queueRows(count, `q${count}`).map(({ id, ...row }) => row);
			// n8n inserts at most 500 rows per request.
			for (let start = 0; start < queued.length; start += 500) {
				await server.rest.post(`/projects/${server.table.projectId}/data-tables/${server.table.id}/insert`, {
					data: queued.slice(start, start + 500),
					returnType: 'count',
				});
			}
			const baseline = rssOf(server.n8n.child.pid);
			const sampler = rssSampler(server.n8n.child.pid);
			const started = Date.now();
			// A page of 10,000 takes seconds here: runs 20 s apart never overlap.
			const workflowId = await server.importAndActivate('nightly-batch.json', everySeconds(20));
			await server.until(async () => ((await server.rows()).length === 0 ? true : undefined), `${count} rows drained`, {
				file: 'nightly-batch.json',
				deadlineMs: 30 * 60_000,
			});
			const seconds = (Date.now() - started) / 1000;
			await server.rest.post(`/workflows/${workflowId}/deactivate`);
			const peak = sampler.stop();
			const delivered = new Set();
			for (const text of posts) if (text.length <= SLACK_LIMIT) for (const email of text.match(/[\w.-]+@queue\.example/g) ?? []) delivered.add(email);
			rows.push([
				count.toLocaleString('en-US'),
				String(Math.ceil(count / 10_000)),
				seconds.toFixed(0),
				(baseline / 2 ** 20).toFixed(0),
				(peak / 2 ** 20).toFixed(0),
				String(posts.length),
				String(Math.max(...posts.map((text) => text.length))),
				count.toLocaleString('en-US'),
				delivered.size.toLocaleString('en-US'),
			]);
		}
	} finally {
		await server.close();
	}
	printTable(
		[
			'queued rows',
			'runs (pages of 10,000)',
			'seconds to drain (a run every 20 s)',
			'n8n RSS before, MiB',
			'n8n peak RSS, MiB',
			'Slack messages',
			'longest message',
			'rows deleted',
			'rows delivered in full',
		],
		rows,
	);
}

async function benchBatchDigest() {
	process.stdout.write(`\n== Batch Digest: ${SIZES.map((count) => count.toLocaleString('en-US')).join(' / ')} queued rows through n8n's engine (medians)\n`);
	await engineComparison();
	if (QUEUES.length === 0) return;
	process.stdout.write(`\n== The nightly batch on a real n8n: ${QUEUES.map((count) => count.toLocaleString('en-US')).join(' and ')} queued rows\n`);
	await nightlyOnRealN8n();
}

module.exports = { benchBatchDigest };
