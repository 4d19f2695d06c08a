/**
 * The templates in n8n's queue mode: Redis, PostgreSQL, one main instance and two workers, each n8n
 * process with this package in its own user folder (scripts/queue/). Outside calls (Slack, the
 * payments API, the shop's health endpoint) land in the outside-world stand-in on 127.0.0.1.
 *
 * 1. Lead intake: a burst of webhook calls, spread over both workers; batch rows stored once each.
 * 2. Nightly batch: one digest of every queued row, the table drained, no second digest.
 * 3. Business health with This Workflow memory: what becomes of the Health Monitor's state
 *    (workflow static data) when its runs are spread over workers. Finding, n8n 2.41.1: a queued
 *    execution starts with empty static data (the execution's saved copy of the workflow leaves it
 *    out, and the worker reloads it only for a restarted execution), so the monitor never gets past
 *    "pending" and no alert goes out. With Shared Data Table memory: fires, reminds, resolves once;
 *    and ten executions of each alerting node at the same moment, over both workers, alert once.
 * 4. Retried webhooks: the same event three times at once, fifteen rounds over both workers, goes on
 *    once each (one Slack post, one batch row); a copy of the lead intake with Slack refusing every
 *    post while leads arrive delivers each lead exactly once when Slack is back.
 * 5. Worker kill: one worker SIGKILLed in the middle of a burst; every caller gets an answer or a
 *    visible failure, no row twice, no row lost behind a "queued" reply, the other worker goes on.
 *
 * The schedules of the nightly batch and the health watch are set to seconds in this test's copies
 * (everything else as in workflows/): they then run as in production, started by the main
 * instance's schedule trigger and executed by a worker, only sooner.
 */
'use strict';

const os = require('node:os');
const { startQueueCluster } = require('../../scripts/queue/cluster');
const { N8nRest } = require('../../scripts/n8n/rest');
const { loadTemplate, withCredentials, withSharedAlertMemory } = require('../../scripts/n8n/templates');
const { createAlertMemoryCredential } = require('../../scripts/n8n/alertMemory');
const { RACING_NODES, racingWorkflow } = require('../e2e/racingWorkflows');
const { ensureTemplateTables, readRows } = require('../../scripts/n8n/dataTables');
const { sleep } = require('../../scripts/n8n/server');
const { startOutsideWorld } = require('../e2e/standIns/outsideWorld');
const { record } = require('../reliability/figures');

/** Figures go to the reliability summary, and to the console as the test goes. */
function recordFigures(section, name, figures) {
	record(section, name, figures);
	console.log(
		`[${section}] ${name}: ${Object.entries(figures)
			.map(([label, value]) => `${label} ${value}`)
			.join(', ')}`,
	);
}

const API_KEY = 'queue-mode-test-key';
const log = (message) => process.stdout.write(`[queue mode] ${message}\n`);

/** Event kinds the burst cycles through, with the answer the template gives each. */
const KINDS = [
	{ body: { eventType: 'newLead' }, handling: 'now' },
	{ body: { eventType: 'report' }, handling: 'next batch run' },
	{ body: { eventType: 'data sync' }, handling: 'next batch run' },
	{ body: { eventType: 'newsletter' }, handling: 'next batch run' },
	{ body: { eventType: 'urgent request' }, handling: 'now' },
	{ body: { eventType: 'enrichment' }, handling: 'next batch run' },
	{ body: { eventType: 'report', customer: { tier: 'vip' } }, handling: 'now' },
	{ body: { eventType: 'backup' }, handling: 'next batch run' },
	{ body: { eventType: 'log archival' }, handling: 'next batch run' },
	{ body: { name: 'no event type' }, rejected: true },
];

const emailOf = (ref) => `${ref}@leads.example`;

function requestsFor(prefix, count) {
	return Array.from({ length: count }, (_, index) => {
		const kind = KINDS[index % KINDS.length];
		const ref = `${prefix}-${index}`;
		return { ref, kind, body: { ...kind.body, ref, email: emailOf(ref) } };
	});
}

/** One webhook call; a failure to get any answer is kept as status 0 with the error. */
async function post(url, body, timeoutMs) {
	const at = Date.now();
	try {
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(timeoutMs),
		});
		const text = await response.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: response.status, json, text, at, ms: Date.now() - at };
	} catch (error) {
		return { status: 0, error: `${error.name}: ${error.message}`, at, ms: Date.now() - at };
	}
}

/** Sends every request, `concurrency` at a time; onReply(count) after each answer. */
async function burst(url, requests, { concurrency = 20, timeoutMs = 120_000, onReply } = {}) {
	const results = new Array(requests.length);
	let next = 0;
	let answered = 0;
	const lane = async () => {
		while (next < requests.length) {
			const index = next++;
			results[index] = await post(url, requests[index].body, timeoutMs);
			answered += 1;
			await onReply?.(answered);
		}
	};
	await Promise.all(Array.from({ length: concurrency }, lane));
	return results;
}

const isExpected = (request, result) =>
	request.kind.rejected
		? result.status === 400 && result.json?.status === 'rejected'
		: result.status === 200 && result.json?.status === 'received' && result.json?.handling === request.kind.handling;

/** Waits until check() answers something truthy; throws with the description after timeoutMs. */
async function waitFor(description, check, timeoutMs, intervalMs = 500) {
	const started = Date.now();
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${description}`);
		await sleep(intervalMs);
	}
}

/** The refs stored in batch_queue, with how often each is there. */
function storedRefs(rows) {
	const counts = new Map();
	for (const row of rows) {
		let ref;
		try {
			ref = JSON.parse(row.payload).ref;
		} catch {
			ref = undefined;
		}
		if (ref !== undefined) counts.set(ref, (counts.get(ref) ?? 0) + 1);
	}
	return counts;
}

function countBy(values) {
	const counts = {};
	for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
	return counts;
}

describe('the templates in n8n queue mode (main + 2 workers, Redis, PostgreSQL)', () => {
	let world;
	let cluster;
	let rest;
	let table;
	let credentials;
	let leadWorkflowId;
	let leadUrl;
	const figures = {};

	/** Workflow executions per worker; executions no worker log names are counted under 'none'. */
	function workersOf(executionIds) {
		const byExecution = cluster.executionsByWorker();
		return executionIds.map((id) => {
			const workers = byExecution.get(String(id)) ?? [];
			return workers.length === 0 ? 'none' : workers.join('+');
		});
	}

	/** Every execution of a workflow, oldest first, straight from PostgreSQL (times in epoch ms). */
	function executionsOf(workflowId) {
		if (!/^[A-Za-z0-9]+$/.test(workflowId)) throw new Error(`unexpected workflow id ${workflowId}`);
		const ms = (column) => `(extract(epoch from "${column}") * 1000)::bigint`;
		return cluster.postgres
			.query(`SELECT id, status, ${ms('startedAt')}, ${ms('stoppedAt')}, mode FROM execution_entity WHERE "workflowId" = '${workflowId}' ORDER BY id`)
			.map(([id, status, startedAt, stoppedAt, mode]) => ({
				id,
				status,
				startedAt: Number(startedAt) || undefined,
				stoppedAt: Number(stoppedAt) || undefined,
				mode,
			}));
	}

	const finished = (execution) => execution.status !== 'running' && execution.status !== 'new';

	async function activateAndWaitForWebhook(workflowId, webhookPath) {
		await rest.activateAndWaitForWebhooks(workflowId);
		return `${cluster.main.baseUrl}/webhook/${webhookPath}`;
	}

	beforeAll(async () => {
		const started = Date.now();
		world = await startOutsideWorld();
		cluster = await startQueueCluster({
			workers: 2,
			log,
			extraEnv: {
				...world.env,
				// A killed worker's jobs are found stalled sooner than with the defaults (60 s lock,
				// 30 s check), so the worker-kill test ends in seconds rather than minutes.
				QUEUE_WORKER_LOCK_DURATION: '15000',
				QUEUE_WORKER_LOCK_RENEW_TIME: '5000',
				QUEUE_WORKER_STALLED_INTERVAL: '5000',
			},
		});
		figures.startSeconds = Math.round((Date.now() - started) / 1000);
		rest = new N8nRest(cluster.main.baseUrl);
		await rest.ownerSession();
		table = (await ensureTemplateTables(rest)).batchQueue;
		const header = await rest.createCredential('Lead intake key', 'httpHeaderAuth', { name: 'X-Api-Key', value: API_KEY });
		const slack = await rest.createCredential('Slack (stand-in)', 'slackApi', { accessToken: 'xoxb-test' });
		const memory = await createAlertMemoryCredential(rest, cluster.main.baseUrl);
		credentials = { httpHeaderAuth: header, slackApi: slack, realtimeBatchN8nApi: memory.credential };
		const lead = await rest.createWorkflow(withCredentials(loadTemplate('lead-intake-realtime.json'), credentials));
		leadWorkflowId = lead.id;
		leadUrl = await activateAndWaitForWebhook(lead.id, 'lead-intake');
		log(`ready in ${figures.startSeconds} s`);
	}, 480_000);

	afterAll(async () => {
		await cluster?.stop();
		await world?.close();
	}, 120_000);

	const leadRequests = requestsFor('burst', 200);
	let leadResults;

	test('lead intake: a burst of 200 calls, spread over both workers, batch rows stored once each', async () => {
		const started = Date.now();
		leadResults = await burst(leadUrl, leadRequests, { concurrency: 20 });
		const seconds = (Date.now() - started) / 1000;

		const wrong = leadRequests
			.map((request, index) => ({ ref: request.ref, expected: request.kind.handling ?? 'rejected', got: leadResults[index] }))
			.filter((_, index) => !isExpected(leadRequests[index], leadResults[index]));
		expect(wrong.map(({ ref, expected, got }) => `${ref}: expected ${expected}, got ${got.status} ${got.text ?? got.error}`)).toEqual([]);

		const batchRefs = leadRequests.filter((request) => request.kind.handling === 'next batch run').map((request) => request.ref);
		const rows = await readRows(rest, table.projectId, table.id);
		const stored = storedRefs(rows);
		expect([...stored.keys()].sort()).toEqual([...batchRefs].sort());
		expect([...stored.values()].filter((count) => count !== 1)).toEqual([]);

		// Every real-time event told sales once (right after its reply).
		const nowRefs = leadRequests.filter((request) => request.kind.handling === 'now').map((request) => request.ref);
		const toldAll = () => nowRefs.every((ref) => world.slackMessages().some((message) => String(message.text ?? '').includes(emailOf(ref))));
		await waitFor('a Slack post per real-time call', toldAll, 60_000, 250);
		await sleep(1000);
		const slackTexts = world.slackMessages().map((message) => String(message.text ?? ''));
		const toldSales = nowRefs.map((ref) => slackTexts.filter((text) => text.includes(emailOf(ref))).length);
		expect(toldSales.filter((count) => count !== 1)).toEqual([]);

		// One execution per call (the retry schedule's runs aside), each started by exactly one worker, both workers busy.
		const executions = executionsOf(leadWorkflowId).filter((execution) => execution.mode === 'webhook');
		expect(executions).toHaveLength(leadRequests.length);
		const workers = workersOf(executions.map((execution) => execution.id));
		const perWorker = countBy(workers);
		expect(perWorker.none).toBeUndefined();
		expect(Object.keys(perWorker).filter((name) => name.includes('+'))).toEqual([]);
		expect(perWorker['worker-1']).toBeGreaterThan(0);
		expect(perWorker['worker-2']).toBeGreaterThan(0);

		const times = leadResults.map((result) => result.ms).sort((a, b) => a - b);
		figures.burst = {
			requests: leadRequests.length,
			'answered as expected': leadRequests.length - wrong.length,
			'batch rows': rows.length,
			'rows twice': 0,
			'Slack posts': nowRefs.length,
			'worker-1 executions': perWorker['worker-1'],
			'worker-2 executions': perWorker['worker-2'],
			seconds: Number(seconds.toFixed(1)),
			'calls/s': Number((leadRequests.length / seconds).toFixed(1)),
			'median ms': times[Math.floor(times.length / 2)],
			'p95 ms': times[Math.floor(times.length * 0.95)],
			'machine load (1 min)': Number(os.loadavg()[0].toFixed(1)),
		};
		recordFigures('Queue mode', 'Lead intake burst (200 calls, 20 at a time)', figures.burst);
	}, 300_000);

	test('nightly batch: one digest of every queued row, the table drained, no second digest', async () => {
		const batchRefs = leadRequests.filter((request) => request.kind.handling === 'next batch run').map((request) => request.ref);
		const rowsBefore = await readRows(rest, table.projectId, table.id);
		expect(rowsBefore).toHaveLength(batchRefs.length);

		const workflow = withCredentials(loadTemplate('nightly-batch.json'), credentials);
		const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.scheduleTrigger');
		trigger.parameters.rule = { interval: [{ field: 'seconds', secondsInterval: 5 }] };
		const nightly = await rest.createWorkflow(workflow);
		const started = Date.now();
		await rest.activate(nightly.id);

		const isDigest = (message) => /^\*Nightly batch\*/.test(String(message.text ?? ''));
		const digest = await waitFor('the digest', () => world.slackMessages().find(isDigest), 90_000);
		const digestSeconds = (Date.now() - started) / 1000;
		// Two more scheduled runs after the digest: the table is empty, so they must send nothing.
		const digestRun = await waitFor(
			'the digest run to finish',
			async () => {
				const runs = executionsOf(nightly.id);
				return runs.length >= 1 && runs.every(finished) ? runs : undefined;
			},
			60_000,
		);
		await waitFor(
			'two more scheduled runs',
			async () => {
				const runs = executionsOf(nightly.id);
				return runs.length >= digestRun.length + 2 && runs.every(finished);
			},
			60_000,
		);
		await rest.post(`/workflows/${nightly.id}/deactivate`);
		const runs = executionsOf(nightly.id);

		expect(world.slackMessages().filter(isDigest)).toHaveLength(1);
		const lines = String(digest.text).split('\n');
		expect(lines[0]).toBe('*Nightly batch*');
		expect(lines[1]).toMatch(new RegExp(`^${batchRefs.length} items, `));
		expect(lines.slice(1).filter((line) => line.startsWith('• '))).toHaveLength(batchRefs.length);
		const listed = countBy(String(digest.text).match(/[\w.-]+@leads\.example/g) ?? []);
		expect(Object.keys(listed).sort()).toEqual(batchRefs.map(emailOf).sort());
		expect(Object.values(listed).filter((count) => count !== 1)).toEqual([]);
		expect(await readRows(rest, table.projectId, table.id)).toHaveLength(0);
		expect(runs.map((run) => run.status).filter((status) => status !== 'success')).toEqual([]);

		const perWorker = countBy(workersOf(runs.map((run) => run.id)));
		expect(perWorker.none).toBeUndefined();
		figures.nightly = {
			'rows queued': batchRefs.length,
			'digests sent': 1,
			'items listed': lines.filter((line) => line.startsWith('• ')).length,
			'rows left': 0,
			'scheduled runs': runs.length,
			'runs per worker': Object.entries(perWorker)
				.map(([name, count]) => `${name} ${count}`)
				.join(' / '),
			'seconds to digest': Number(digestSeconds.toFixed(1)),
		};
		recordFigures('Queue mode', 'Nightly batch (schedule every 5 s in the test copy)', figures.nightly);
	}, 300_000);

	test('business health with This Workflow memory (finding): queued runs start without the static data, so the Health Monitor stays pending and never alerts', async () => {
		// A payment failure rate of 20 % (critical above 10 %) on every run; the shop is healthy.
		world.on('payments.example.com', () => ({
			status: 200,
			json: Array.from({ length: 25 }, (_, index) => ({ id: `p${index}`, status: index % 5 === 0 ? 'failed' : 'paid', amount: 40 })),
		}));
		world.on('shop.example.com', () => ({ status: 200, text: 'ok' }));

		const workflow = withCredentials(loadTemplate('business-health.json'), credentials);
		const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.scheduleTrigger');
		trigger.parameters.rule = { interval: [{ field: 'seconds', secondsInterval: 4 }] };
		const monitor = workflow.nodes.find((node) => node.type === 'n8n-nodes-realtime-batch.healthMonitor');
		expect(monitor.parameters.checks.check[0].options.pendingRuns).toBe(2);
		const health = await rest.createWorkflow(workflow);
		const postsBefore = world.slackMessages().length;
		await rest.activate(health.id);

		// With the state kept, the second failing run fires. Wait for six runs, on both workers.
		const runs = await waitFor(
			'six finished runs on both workers',
			() => {
				const list = executionsOf(health.id).filter(finished);
				const workers = new Set(workersOf(list.map((run) => run.id)));
				return list.length >= 6 && workers.has('worker-1') && workers.has('worker-2') ? list : undefined;
			},
			120_000,
			1000,
		);
		await rest.post(`/workflows/${health.id}/deactivate`);
		await sleep(1000);

		const alerts = world
			.slackMessages()
			.slice(postsBefore)
			.map((message) => String(message.text ?? ''))
			.filter((text) => text.includes('Payment failure rate'));
		const monitorId = health.nodes.find((node) => node.name === 'Health checks').id;
		const saved = (await rest.get(`/workflows/${health.id}`)).staticData?.global?.alertMemory?.[monitorId];
		const series = saved ? JSON.parse(saved).checks['Payment failure rate'].series['Payment failure rate'] : undefined;
		const perWorker = countBy(workersOf(runs.map((run) => run.id)));

		figures.health = {
			'failing runs': runs.length,
			'runs per worker': Object.entries(perWorker)
				.map(([name, count]) => `${name} ${count}`)
				.join(' / '),
			'alerts sent': alerts.length,
			'saved state after the last run': series ? `${series.state}, ${series.count} failing run(s) counted` : 'none',
		};
		recordFigures('Queue mode', 'Health Monitor, 2 failing runs to fire (schedule every 4 s in the test copy)', figures.health);

		// The state is saved after every run (so the worker did run our node and n8n stored its
		// static data), yet every run started from nothing: one failing run counted, never two.
		expect(runs.every((run) => run.status === 'success')).toBe(true);
		expect(series).toMatchObject({ state: 'pending', severity: 'critical', count: 1 });
		// If this fails because the alert went out, n8n carries static data into queued runs again:
		// then assert one alert, fired on one worker and resolved on the other, instead.
		expect(alerts).toEqual([]);
	}, 300_000);

	test('business health with Shared Data Table memory: runs on both workers fire once, remind once, resolve once', async () => {
		let failing = true;
		world.on('payments.example.com', () => ({
			status: 200,
			json: Array.from({ length: 25 }, (_, index) => ({ id: `p${Date.now()}_${index}`, status: failing && index % 5 === 0 ? 'failed' : 'paid', amount: 40 })),
		}));
		world.on('shop.example.com', () => ({ status: 200, text: 'ok' }));
		const workflow = withCredentials(withSharedAlertMemory(loadTemplate('business-health.json')), credentials);
		workflow.nodes.find((node) => node.type === 'n8n-nodes-base.scheduleTrigger').parameters.rule = { interval: [{ field: 'seconds', secondsInterval: 4 }] };
		// Reminders every 15 s instead of every hour.
		workflow.nodes.find((node) => node.type === 'n8n-nodes-realtime-batch.healthMonitor').parameters.checks.check[0].options.renotifyMinutes = 0.25;
		const health = await rest.createWorkflow(workflow);
		const postsBefore = world.slackMessages().length;
		const notices = () =>
			world
				.slackMessages()
				.slice(postsBefore)
				.map((message) => String(message.text ?? '').split('\n')[0])
				.filter((text) => text.includes('Payment failure rate'));
		await rest.activate(health.id);

		await waitFor('the alert and one reminder', () => notices().length >= 2, 120_000, 250);
		failing = false;
		await waitFor('the resolve', () => notices().some((text) => text.startsWith('RESOLVED')), 60_000, 250);
		// Three more runs after the resolve: nothing more is sent.
		const resolvedAt = executionsOf(health.id).length;
		await waitFor('three more runs', () => executionsOf(health.id).filter(finished).length >= resolvedAt + 3, 60_000, 500);
		await rest.post(`/workflows/${health.id}/deactivate`);
		await sleep(1000);

		const runs = executionsOf(health.id);
		const perWorker = countBy(workersOf(runs.map((run) => run.id)));
		const sent = notices();
		figures.sharedHealth = {
			runs: runs.length,
			'runs per worker': Object.entries(perWorker)
				.map(([name, count]) => `${name} ${count}`)
				.join(' / '),
			'alerts sent': sent.filter((text) => text.startsWith('CRITICAL')).length,
			'resolved sent': sent.filter((text) => text.startsWith('RESOLVED')).length,
		};
		recordFigures('Queue mode', 'Health Monitor with Shared Data Table memory (every 4 s, reminders every 15 s)', figures.sharedHealth);
		expect(runs.map((run) => run.status).filter((status) => status !== 'success')).toEqual([]);
		expect(perWorker['worker-1']).toBeGreaterThan(0);
		expect(perWorker['worker-2']).toBeGreaterThan(0);
		expect(sent.map((text) => text.split(':')[0])).toEqual([
			'CRITICAL Payment failure rate (Payment failure rate)',
			'CRITICAL Payment failure rate (Payment failure rate)',
			'RESOLVED Payment failure rate (Payment failure rate)',
		]);
	}, 300_000);

	test.each(Object.keys(RACING_NODES))(
		'%s with Shared Data Table memory: ten executions at the same moment, over both workers, send one alert',
		async (kind) => {
			const webhookPath = `race-${kind.toLowerCase()}`;
			const created = await rest.createWorkflow(racingWorkflow(kind, 'dataTable', webhookPath, credentials));
			const url = await activateAndWaitForWebhook(created.id, webhookPath);
			const postsBefore = world.slackMessages().length;
			const replies = await Promise.all(Array.from({ length: 10 }, () => post(url, RACING_NODES[kind].badReport, 60_000)));
			expect(replies.map((reply) => reply.status)).toEqual(Array(10).fill(200));
			const runs = await waitFor(
				'ten finished executions',
				() => {
					const list = executionsOf(created.id);
					return list.length >= 10 && list.every(finished) ? list : undefined;
				},
				120_000,
				250,
			);
			await rest.post(`/workflows/${created.id}/deactivate`);
			const alerts = world
				.slackMessages()
				.slice(postsBefore)
				.map((message) => String(message.text ?? '').split('\n')[0])
				.filter((text) => RACING_NODES[kind].alert.test(text));
			for (const run of runs.filter((candidate) => candidate.status !== 'success')) {
				log(
					`execution ${run.id} ended ${run.status}: ${
						String((await rest.get(`/executions/${run.id}`)).data)
							.match(/"message":"[^"]*"/g)
							?.slice(0, 3)
							.join(' ') ?? ''
					}`,
				);
			}
			const perWorker = countBy(workersOf(runs.map((run) => run.id)));
			recordFigures('Queue mode', `${kind}: ten executions at the same moment, Shared Data Table memory`, {
				executions: runs.length,
				'per worker': Object.entries(perWorker)
					.map(([name, count]) => `${name} ${count}`)
					.join(' / '),
				'alerts sent': alerts.length,
			});
			expect(runs).toHaveLength(10);
			expect(runs.map((run) => run.status).filter((status) => status !== 'success')).toEqual([]);
			expect(perWorker['worker-1']).toBeGreaterThan(0);
			expect(perWorker['worker-2']).toBeGreaterThan(0);
			expect(alerts).toHaveLength(1);
		},
		300_000,
	);

	test('retried webhooks over both workers: the same event 3 times at once, 10 rounds of leads and 5 of batch events, go on once each', async () => {
		const postsBefore = world.slackMessages().length;
		const lastIdBefore = Math.max(0, ...executionsOf(leadWorkflowId).map((execution) => Number(execution.id)));
		const rounds = [
			...Array.from({ length: 10 }, (_, round) => ({
				eventId: `q-lead-${round}`,
				eventType: 'newLead',
				email: `q-lead-${round}@repeats.example`,
				handling: 'now',
			})),
			...Array.from({ length: 5 }, (_, round) => ({
				eventId: `q-report-${round}`,
				eventType: 'report',
				email: `q-report-${round}@repeats.example`,
				handling: 'next batch run',
			})),
		];
		const outcomes = [];
		for (const { handling, ...body } of rounds) {
			const replies = await Promise.all([1, 2, 3].map(() => post(leadUrl, body, 60_000)));
			outcomes.push({ body, handling, replies });
		}
		const wentOn = outcomes.map(({ replies, handling }) => replies.filter((reply) => reply.json?.handling === handling).length);
		const duplicates = outcomes.map(({ replies }) => replies.filter((reply) => reply.json?.duplicate === true).length);
		// Let the Slack posts of the real-time leads land.
		await waitFor(
			'the Slack posts of the leads',
			() =>
				rounds.slice(0, 10).every((round) =>
					world
						.slackMessages()
						.slice(postsBefore)
						.some((message) => String(message.text).includes(round.email)),
				),
			60_000,
		);
		await sleep(3000);
		const posted = rounds.slice(0, 10).map(
			(round) =>
				world
					.slackMessages()
					.slice(postsBefore)
					.filter((message) => String(message.text).includes(round.email)).length,
		);
		const rows = await readRows(rest, table.projectId, table.id);
		const queued = rounds.slice(10).map((round) => rows.filter((row) => row.payload.includes(round.email)).length);
		const executions = executionsOf(leadWorkflowId).filter((execution) => Number(execution.id) > lastIdBefore && execution.mode === 'webhook');
		const perWorker = countBy(workersOf(executions.map((execution) => execution.id)));
		figures.repeats = {
			deliveries: rounds.length * 3,
			'went on': wentOn.reduce((sum, count) => sum + count, 0),
			'answered duplicate': duplicates.reduce((sum, count) => sum + count, 0),
			'Slack posts (10 leads)': posted.reduce((sum, count) => sum + count, 0),
			'batch rows (5 events)': queued.reduce((sum, count) => sum + count, 0),
			'executions worker-1 / worker-2': `${perWorker['worker-1'] ?? 0} / ${perWorker['worker-2'] ?? 0}`,
		};
		recordFigures('Real traffic', 'Queue mode: the same webhook event 3 times at once, 15 rounds over both workers', figures.repeats);
		expect(wentOn).toEqual(Array(rounds.length).fill(1));
		expect(duplicates).toEqual(Array(rounds.length).fill(2));
		expect(posted).toEqual(Array(10).fill(1));
		expect(queued).toEqual(Array(5).fill(1));
		expect(perWorker['worker-1']).toBeGreaterThan(0);
		expect(perWorker['worker-2']).toBeGreaterThan(0);
	}, 240_000);

	test('no lead lost in queue mode: Slack refusing while leads arrive, each lead reaches Slack exactly once when it is back', async () => {
		// A copy of the lead intake on its own path, its retry path every 3 s for leads missed 15 s ago.
		const outage = withCredentials(loadTemplate('lead-intake-realtime.json'), credentials);
		outage.name = 'Lead intake (Slack outage test)';
		outage.nodes.find((node) => node.type === 'n8n-nodes-base.webhook').parameters.path = 'lead-intake-outage';
		outage.nodes.find((node) => node.type === 'n8n-nodes-base.scheduleTrigger').parameters.rule = { interval: [{ field: 'seconds', secondsInterval: 3 }] };
		outage.nodes.find((node) => node.name === 'Leads not delivered yet').parameters.filters.conditions[0].keyValue =
			'={{ $now.minus({ seconds: 15 }).toISO() }}';
		for (const node of outage.nodes) if (node.type === 'n8n-nodes-base.slack') node.waitBetweenTries = 500;
		const created = await rest.createWorkflow(outage);
		const outageUrl = await activateAndWaitForWebhook(created.id, 'lead-intake-outage');
		let slackDown = true;
		let refused = 0;
		const delivered = [];
		world.on('slack.com', (request) => {
			if (slackDown) {
				refused += 1;
				return { status: 200, json: { ok: false, error: 'invalid_auth' } };
			}
			delivered.push({ text: String(request.body.text), at: Date.now() });
			return { status: 200, json: { ok: true, channel: 'C0SALES', ts: `${Date.now() / 1000}`, message: { text: request.body.text } } };
		});
		try {
			const leads = Array.from({ length: 6 }, (_, index) => ({ eventType: 'newLead', email: `outage-${index}@queue.example`, eventId: `q-outage-${index}` }));
			const replies = await Promise.all(leads.map((body) => post(outageUrl, body, 60_000)));
			expect(replies.map((reply) => reply.json?.handling)).toEqual(Array(leads.length).fill('now'));
			const outbox = (await ensureTemplateTables(rest)).leadOutbox;
			const kept = () => readRows(rest, outbox.projectId, outbox.id).then((rows) => rows.filter((row) => row.message.includes('@queue.example')));
			await waitFor(
				'every refused lead kept in lead_outbox, and a retry refused',
				async () => (await kept()).length === leads.length && refused > leads.length * 2,
				90_000,
			);
			slackDown = false;
			const backAt = Date.now();
			await waitFor('every lead posted once Slack is back', () => leads.every((lead) => delivered.some((post) => post.text.includes(lead.email))), 90_000);
			await waitFor('lead_outbox empty of these leads', async () => (await kept()).length === 0, 60_000);
			await sleep(9000);
			const posts = leads.map((lead) => delivered.filter((post) => post.text.includes(lead.email)).length);
			figures.outage = {
				leads: leads.length,
				'Slack calls refused': refused,
				'posted once': posts.filter((count) => count === 1).length,
				'posted twice': posts.filter((count) => count > 1).length,
				lost: posts.filter((count) => count === 0).length,
				'all delivered after Slack was back (s)': Math.round((Math.max(...delivered.map((post) => post.at)) - backAt) / 100) / 10,
			};
			recordFigures('Real traffic', 'Queue mode: Slack refusing every post while 6 leads arrive, then back', figures.outage);
			expect(posts).toEqual(Array(leads.length).fill(1));
		} finally {
			world.on('slack.com', (request) => ({
				status: 200,
				json: { ok: true, channel: 'C0ALERTS', ts: `${Date.now() / 1000}`, message: { text: request.body.text } },
			}));
			await rest.deactivate(created.id);
		}
	}, 300_000);

	test('worker kill: one worker SIGKILLed during a burst; answers or visible failures, no row twice or lost', async () => {
		const requests = requestsFor('kill', 200);
		const victim = cluster.workers.find((worker) => worker.name === 'worker-1');
		const survivor = cluster.workers.find((worker) => worker.name === 'worker-2');
		const lastIdBefore = Math.max(0, ...executionsOf(leadWorkflowId).map((execution) => Number(execution.id)));
		let killedAt;
		let killedAfter;
		let activeOnVictim = 0;
		/** Executions worker-1 has started that are still running: the ones the kill interrupts. */
		const runningOnVictim = () => {
			const byExecution = cluster.executionsByWorker();
			return executionsOf(leadWorkflowId).filter(
				(execution) => execution.mode === 'webhook' && execution.status === 'running' && (byExecution.get(String(execution.id)) ?? []).includes(victim.name),
			).length;
		};
		const started = Date.now();
		const results = await burst(leadUrl, requests, {
			concurrency: 20,
			// From the 40th answer on, kill worker-1 as soon as it is in the middle of an execution.
			onReply: async (answered) => {
				if (killedAt !== undefined || answered < 40) return;
				activeOnVictim = runningOnVictim();
				if (activeOnVictim === 0 && answered < 120) return;
				killedAt = Date.now();
				killedAfter = answered;
				await victim.instance.kill();
				log(`worker-1 killed (SIGKILL) after ${answered} answers, with ${activeOnVictim} executions running on it`);
			},
		});
		const burstSeconds = (Date.now() - started) / 1000;

		// The survivor goes on: calls after the burst.
		const after = requestsFor('after-kill', 20);
		const afterResults = await burst(leadUrl, after, { concurrency: 5, timeoutMs: 60_000 });
		const afterWrong = after.filter((request, index) => !isExpected(request, afterResults[index])).map((request) => request.ref);

		// Every call has an outcome: an HTTP answer, or an error the caller saw (refused, timed out).
		const outcome = (result) => (result.status === 0 ? 'no answer' : `HTTP ${result.status}`);
		const expected = requests.map((request, index) => results[index] !== undefined && isExpected(request, results[index]));
		const failures = requests.map((request, index) => ({ request, result: results[index] })).filter((_, index) => !expected[index]);

		const rows = await readRows(rest, table.projectId, table.id);
		const stored = storedRefs(rows);
		const twice = [...stored.entries()].filter(([, count]) => count > 1).map(([ref]) => ref);
		// Every call answered "queued for tonight" must be stored.
		const queuedRefs = requests.filter((request, index) => expected[index] && request.kind.handling === 'next batch run').map((request) => request.ref);
		const lost = queuedRefs.filter((ref) => !stored.has(ref));
		const rejectedStored = requests.filter((request) => request.kind.rejected && stored.has(request.ref)).map((request) => request.ref);
		// Rows stored although the caller saw a failure: a retry by the caller would store them again.
		const storedDespiteFailure = failures.filter(({ request }) => stored.has(request.ref)).map(({ request }) => request.ref);
		const afterNotStored = after.filter((request) => request.kind.handling === 'next batch run' && stored.get(request.ref) !== 1).map((request) => request.ref);

		// Executions of this burst: who ran them, and how the killed worker's ones ended. Those end
		// as errors once their jobs are found stalled; any still open after two minutes stays counted.
		let executions = [];
		for (let waited = 0; waited <= 120_000; waited += 2000) {
			executions = executionsOf(leadWorkflowId).filter((execution) => Number(execution.id) > lastIdBefore && execution.mode === 'webhook');
			if (executions.every(finished)) break;
			await sleep(2000);
		}
		const byExecution = cluster.executionsByWorker();
		const ranOn = (execution) => (byExecution.get(String(execution.id)) ?? ['none']).join('+');
		const perWorker = countBy(executions.map(ranOn));
		const statuses = countBy(executions.map((execution) => execution.status));
		const victimAfterKill = executions.filter((execution) => (execution.startedAt ?? 0) > killedAt + 1000 && ranOn(execution).includes(victim.name));
		const failureMs = failures.map(({ result }) => result?.ms ?? 0);

		figures.kill = {
			requests: requests.length,
			'killed after answers': killedAfter,
			'executions running on worker-1 at the kill': activeOnVictim,
			'answered as expected': expected.filter(Boolean).length,
			'failed visibly': failures.length,
			'failure kinds':
				Object.entries(countBy(failures.map(({ result }) => (result ? outcome(result) : 'none'))))
					.map(([kind, count]) => `${kind}: ${count}`)
					.join(', ') || 'none',
			'rows twice': twice.length,
			'queued replies not stored': lost.length,
			'stored though the caller saw a failure': storedDespiteFailure.length,
			'executions worker-1 / worker-2 / no worker log line': `${perWorker['worker-1'] ?? 0} / ${perWorker['worker-2'] ?? 0} / ${perWorker.none ?? 0}`,
			'execution statuses': Object.entries(statuses)
				.map(([status, count]) => `${status} ${count}`)
				.join(', '),
			'slowest failure ms': failureMs.length > 0 ? Math.max(...failureMs) : 0,
			'burst seconds': Number(burstSeconds.toFixed(1)),
			'calls after the kill answered': `${after.length - afterWrong.length}/${after.length}`,
			'machine load (1 min)': Number(os.loadavg()[0].toFixed(1)),
		};
		recordFigures('Worker kill', 'worker-1 SIGKILLed in the middle of a burst of 200 calls (20 at a time)', figures.kill);
		log(
			`failures: ${failures.map(({ request, result }) => `${request.ref} ${result ? `${outcome(result)} ${result.text?.slice(0, 80) ?? result.error}` : 'none'}`).join(' | ') || 'none'}`,
		);

		expect(killedAt).toBeDefined();
		expect(activeOnVictim).toBeGreaterThan(0);
		expect(results.filter((result) => result === undefined)).toHaveLength(0);
		expect(twice).toEqual([]);
		expect(lost).toEqual([]);
		expect(rejectedStored).toEqual([]);
		expect(afterWrong).toEqual([]);
		expect(afterNotStored).toEqual([]);
		expect(victimAfterKill).toEqual([]);
		expect(perWorker['worker-2']).toBeGreaterThan(0);
		expect(survivor.instance.child.exitCode).toBeNull();
	}, 400_000);
});
