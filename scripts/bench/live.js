/**
 * npm run bench:live: the real-time path on a real n8n server, measured from the client's side.
 *
 * One n8n 2.41.1 (SQLite, a temporary user folder, this package installed as a community package)
 * serves three production webhooks:
 *   A  Webhook -> Respond to Webhook                                  (the bare path)
 *   B  Webhook -> Latency Classifier -> Respond to Webhook (x2)       (the real-time path)
 *   C  Webhook -> No Operation -> Respond to Webhook                  (an n8n node in the same place)
 * Requests go out with keep-alive at a fixed concurrency, in rounds that alternate the workflows
 * (A B C, B C A, C A B, ...) so the noise of a shared machine falls on all of them alike. Every
 * answer must be 200 with the expected body (B's body tells which output the item left on); one
 * failure makes the run invalid. Latency figures count every measured request once; the ratios
 * that decide the verdict are paired round by round (median over rounds, with a bootstrap interval).
 * From the saved executions it also reads n8n's own timing of the middle node (the profile).
 *
 * By default two passes run, each on a fresh server: executions saved as n8n saves them out of the
 * box (every production execution, to SQLite), then with EXECUTIONS_DATA_SAVE_ON_SUCCESS=none.
 *
 * Flags (or environment): --requests N (BENCH_LIVE_REQUESTS, per workflow, default 2000),
 * --warmup N (BENCH_LIVE_WARMUP, 200), --concurrency C (BENCH_LIVE_CONCURRENCY, 10),
 * --rounds R (BENCH_LIVE_ROUNDS, 50), --saving default|none|both (BENCH_LIVE_SAVING, both),
 * --quick (200 requests, 40 warm-up, 5 rounds, default saving only: a smoke check).
 * BENCH_LIVE_KEEP=1 keeps each pass's user folder (SQLite database, n8n.log) in the temporary directory.
 */
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { N8N_VERSION, ROOT, RUNTIME, ensureN8nInstalled, installPackageInto } = require('../n8n/runtime');
const { sleep, startN8n } = require('../n8n/server');
const { N8nRest } = require('../n8n/rest');
const { startOutsideWorld } = require('../../test/e2e/standIns/outsideWorld');

const TARGET_P50_INCREASE = 0.1;
/** A single-item execution's node time, at most this many times No Operation's (n8n's executionTime, mean). */
const TARGET_NODE_RATIO = 2;
const SETTLE_MS = 150;
const INSIDE_SAMPLE = Number(process.env.BENCH_LIVE_INSIDE_SAMPLE ?? 100);

function log(message) {
	process.stdout.write(`[bench:live] ${message}\n`);
}

/** --name value, --name=value or the environment variable; --quick changes the defaults. */
function readOptions(argv) {
	const flags = {};
	for (let index = 0; index < argv.length; index++) {
		const match = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[index]);
		if (!match) throw new Error(`Unknown argument ${argv[index]}`);
		const [, name, inline] = match;
		if (name === 'quick') flags.quick = true;
		else flags[name] = inline ?? argv[++index];
	}
	const known = ['quick', 'requests', 'warmup', 'concurrency', 'rounds', 'saving'];
	const unknown = Object.keys(flags).filter((name) => !known.includes(name));
	if (unknown.length > 0) throw new Error(`Unknown flag --${unknown.join(', --')}; known: --${known.join(', --')}`);
	const quick = flags.quick === true || process.env.BENCH_LIVE_QUICK === '1';
	const pick = (name, env, normal, short) => flags[name] ?? process.env[env] ?? (quick ? short : normal);
	const options = {
		quick,
		requests: Number(pick('requests', 'BENCH_LIVE_REQUESTS', 2000, 200)),
		warmup: Number(pick('warmup', 'BENCH_LIVE_WARMUP', 200, 40)),
		concurrency: Number(pick('concurrency', 'BENCH_LIVE_CONCURRENCY', 10, 10)),
		rounds: Number(pick('rounds', 'BENCH_LIVE_ROUNDS', 50, 5)),
		saving: String(pick('saving', 'BENCH_LIVE_SAVING', 'both', 'default')),
	};
	for (const name of ['requests', 'concurrency', 'rounds']) {
		if (!Number.isInteger(options[name]) || options[name] < 1) throw new Error(`--${name} must be a whole number of at least 1`);
	}
	if (!Number.isInteger(options.warmup) || options.warmup < 0) throw new Error('--warmup must be a whole number');
	if (!['default', 'none', 'both'].includes(options.saving)) throw new Error('--saving must be default, none or both');
	return options;
}

// ---------------------------------------------------------------------------------------------
// The workflows

const webhookNode = (name, webhookPath) => ({
	id: crypto.randomUUID(),
	name,
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2.1,
	position: [0, 0],
	webhookId: crypto.randomUUID(),
	parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'responseNode', options: {} },
});

const respondNode = (name, body, position) => ({
	id: crypto.randomUUID(),
	name,
	type: 'n8n-nodes-base.respondToWebhook',
	typeVersion: 1.5,
	position,
	parameters: { respondWith: 'json', responseBody: JSON.stringify(body), options: {} },
});

const link = (node, index = 0) => ({ node, type: 'main', index });

const REPLY_BARE = { status: 'received' };
const REPLY_NOW = { status: 'received', handling: 'now' };
const REPLY_BATCH = { status: 'received', handling: 'next batch run' };

/** A: Webhook -> Respond to Webhook. */
function bareWorkflow() {
	return {
		name: 'Bench A: Webhook -> Respond',
		nodes: [webhookNode('Webhook', 'bench-bare'), respondNode('Reply', REPLY_BARE, [220, 0])],
		connections: { Webhook: { main: [[link('Reply')]] } },
	};
}

/**
 * B: Webhook -> Latency Classifier (all ten ready-made rules on the event type, one custom rule for
 * VIP customers, unmatched items to Batch, a daily batch run) -> a reply on each output.
 */
function classifierWorkflow() {
	const classifier = {
		id: crypto.randomUUID(),
		name: 'Now or tonight?',
		type: 'n8n-nodes-realtime-batch.latencyClassifier',
		typeVersion: 2,
		position: [220, 0],
		parameters: {
			rules: {
				rule: [
					{ name: 'VIP customers', conditionType: 'field', field: 'body.customer.tier', operator: 'isOneOf', value: 'vip, enterprise', delayCost: 'trust' },
				],
			},
			eventTypeField: 'body.eventType',
			noMatchRoute: 'batch',
			scheduleKind: 'daily',
			runAt: '06:00',
			timezone: '',
			options: {},
		},
	};
	return {
		name: 'Bench B: Webhook -> Latency Classifier -> Respond',
		nodes: [
			webhookNode('Webhook', 'bench-classifier'),
			classifier,
			respondNode('Reply: now', REPLY_NOW, [440, -100]),
			respondNode('Reply: next batch run', REPLY_BATCH, [440, 100]),
		],
		connections: {
			Webhook: { main: [[link('Now or tonight?')]] },
			'Now or tonight?': { main: [[link('Reply: now')], [link('Reply: next batch run')]] },
		},
	};
}

/** C: Webhook -> No Operation -> Respond to Webhook: n8n's own cost of one more node. */
function noOpWorkflow() {
	return {
		name: 'Bench C: Webhook -> No Operation -> Respond',
		nodes: [
			webhookNode('Webhook', 'bench-noop'),
			{ id: crypto.randomUUID(), name: 'No Operation', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} },
			respondNode('Reply', REPLY_BARE, [440, 0]),
		],
		connections: { Webhook: { main: [[link('No Operation')]] }, 'No Operation': { main: [[link('Reply')]] } },
	};
}

// ---------------------------------------------------------------------------------------------
// The requests

/** Event types a lead-intake webhook sees, with the route the classifier must pick for each. */
const EVENTS = [
	{ eventType: 'new_lead', tier: 'standard', route: 'now' },
	{ eventType: 'form_submitted', tier: 'standard', route: 'now' },
	{ eventType: 'invoice.payment_failed', tier: 'standard', route: 'now' },
	{ eventType: 'page_view', tier: 'vip', route: 'now' }, // the custom rule
	{ eventType: 'page_view', tier: 'standard', route: 'batch' }, // no rule matches
	{ eventType: 'weekly_report', tier: 'standard', route: 'batch' },
	{ eventType: 'crm_sync', tier: 'enterprise', route: 'now' }, // custom rule before ready-made
	{ eventType: 'lead_enrichment', tier: 'standard', route: 'batch' },
	{ eventType: 'profile_update', tier: 'standard', route: 'batch' },
	{ eventType: 'page_view', tier: 'standard', route: 'batch' },
];

/** The same deterministic sequence of small JSON bodies for every workflow. */
function makeRequests(count, offset) {
	const requests = new Array(count);
	for (let index = 0; index < count; index++) {
		const serial = offset + index;
		const event = EVENTS[(serial * 7) % EVENTS.length];
		const body = {
			eventType: event.eventType,
			id: `evt_${serial.toString(36).padStart(6, '0')}`,
			occurredAt: new Date(Date.UTC(2026, 10, 27, 9, 0, serial % 3600)).toISOString(),
			source: serial % 3 === 0 ? 'website' : 'crm',
			customer: { id: `cus_${(serial * 131) % 5000}`, email: `person${serial % 5000}@example.com`, tier: event.tier },
			page: { url: '/pricing', referrer: 'https://www.example.com/blog' },
		};
		requests[index] = { payload: JSON.stringify(body), route: event.route };
	}
	return requests;
}

function expectedReply(workflowKey, route) {
	if (workflowKey !== 'B') return REPLY_BARE;
	return route === 'now' ? REPLY_NOW : REPLY_BATCH;
}

function post(agent, url, payload) {
	return new Promise((resolve) => {
		const started = process.hrtime.bigint();
		const request = http.request(
			url,
			{ method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
			(response) => {
				const chunks = [];
				response.on('data', (chunk) => chunks.push(chunk));
				response.on('end', () => {
					const ms = Number(process.hrtime.bigint() - started) / 1e6;
					resolve({ ms, status: response.statusCode, text: Buffer.concat(chunks).toString('utf8') });
				});
				response.on('error', (error) => resolve({ ms: NaN, status: 0, text: String(error) }));
			},
		);
		request.on('error', (error) => resolve({ ms: NaN, status: 0, text: String(error) }));
		request.end(payload);
	});
}

function isExpected(answer, expected) {
	if (answer.status !== 200) return false;
	try {
		const body = JSON.parse(answer.text);
		return Object.keys(expected).length === Object.keys(body).length && Object.entries(expected).every(([key, value]) => body[key] === value);
	} catch {
		return false;
	}
}

/** Sends the requests with `concurrency` in flight; returns the latencies, failures and wall time. */
async function sendBatch(agent, target, requests, concurrency) {
	const latencies = [];
	const failures = [];
	let next = 0;
	const started = process.hrtime.bigint();
	const worker = async () => {
		while (next < requests.length) {
			const request = requests[next++];
			const answer = await post(agent, target.url, request.payload);
			if (isExpected(answer, expectedReply(target.key, request.route))) latencies.push(answer.ms);
			else failures.push(`${answer.status} ${answer.text.slice(0, 200)}`);
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, requests.length) }, worker));
	const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
	return { latencies, failures, wallMs };
}

/**
 * CPU time (user + system, ms) the process has used so far, from /proc (Linux); NaN elsewhere.
 * SQLite runs inside n8n's process, so its work is counted too.
 */
const CLOCK_TICKS = (() => {
	try {
		return Number(require('node:child_process').execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
	} catch {
		return 100;
	}
})();

function cpuMs(pid) {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
	} catch {
		return NaN;
	}
}

// ---------------------------------------------------------------------------------------------
// Figures

function percentile(sorted, share) {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)];
}

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function summarize(latencies, wallMs) {
	const sorted = [...latencies].sort((a, b) => a - b);
	return {
		p50: percentile(sorted, 0.5),
		p95: percentile(sorted, 0.95),
		p99: percentile(sorted, 0.99),
		mean: sorted.reduce((sum, ms) => sum + ms, 0) / sorted.length,
		perSecond: wallMs === undefined ? NaN : (sorted.length / wallMs) * 1000,
	};
}

const ms = (value) => (value >= 100 ? value.toFixed(0) : value.toFixed(2));
const signed = (value, digits = 2) => `${value >= 0 ? '+' : ''}${value.toFixed(digits)}`;

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

// ---------------------------------------------------------------------------------------------
// One pass: one server, three workflows, interleaved rounds

async function waitUntilRegistered(agent, target, deadlineMs = 90_000) {
	const started = Date.now();
	const [probe] = makeRequests(1, 0);
	for (;;) {
		const answer = await post(agent, target.url, probe.payload);
		if (isExpected(answer, expectedReply(target.key, probe.route))) return;
		const notYet = answer.status === 404 && /not registered/i.test(answer.text);
		if (!notYet || Date.now() - started > deadlineMs) {
			throw new Error(`${target.label}: webhook answered ${answer.status} ${answer.text.slice(0, 300)}`);
		}
		await sleep(250);
	}
}

/** How many executions n8n saved for the workflow (the list's total count). */
async function savedExecutions(rest, workflowId) {
	try {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const result = await rest.get(`/executions?filter=${filter}&limit=1`);
		return typeof result.count === 'number' ? result.count : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Where the time goes inside n8n, from the last `sample` saved executions of each workflow:
 * the saved size, n8n's own run time (startedAt -> stoppedAt) and the middle node's executionTime
 * (whole milliseconds as n8n records them; the mean over many runs resolves fractions).
 */
async function insideN8n(rest, targets, sample) {
	const { parse } = require(path.join(RUNTIME, 'node_modules', 'flatted'));
	const rows = [];
	for (const target of targets) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId: target.id, status: ['success'] }));
		// n8n hands out at most 100 executions a page, newest first, with a cursor to the next page.
		const results = [];
		let cursor;
		do {
			const page = await rest.get(
				`/executions?filter=${filter}&limit=${Math.min(100, sample - results.length)}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
			);
			results.push(...(page.results ?? []));
			cursor = page.nextCursor;
		} while (cursor && results.length < sample);
		const runMs = results.filter((row) => row.stoppedAt && row.startedAt).map((row) => Date.parse(row.stoppedAt) - Date.parse(row.startedAt));
		const bytes = results.map((row) => row.jsonSizeBytes).filter((size) => typeof size === 'number');
		const nodeMs = [];
		if (target.middleNode) {
			for (const row of results) {
				const execution = await rest.get(`/executions/${row.id}`);
				const runs = parse(execution.data).resultData.runData[target.middleNode] ?? [];
				for (const run of runs) nodeMs.push(run.executionTime);
			}
		}
		rows.push({
			target,
			executions: results.length,
			bytes: bytes.length ? bytes.reduce((sum, size) => sum + size, 0) / bytes.length : NaN,
			runMs: runMs.length ? median(runMs) : NaN,
			runMean: runMs.length ? runMs.reduce((sum, value) => sum + value, 0) / runMs.length : NaN,
			nodeMs: nodeMs.length ? nodeMs.reduce((sum, value) => sum + value, 0) / nodeMs.length : NaN,
		});
	}
	return rows;
}

async function runPass(saving, options, outsideWorld) {
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-live-'));
	const logFile = path.join(userFolder, 'n8n.log');
	const extraEnv = { ...outsideWorld.env, N8N_LOG_LEVEL: 'warn' };
	if (saving === 'none') extraEnv.EXECUTIONS_DATA_SAVE_ON_SUCCESS = 'none';
	installPackageInto(userFolder);
	log(`starting n8n ${N8N_VERSION} (${saving === 'none' ? 'EXECUTIONS_DATA_SAVE_ON_SUCCESS=none' : 'executions saved as n8n defaults: every one, to SQLite'})`);
	const n8n = await startN8n({ userFolder, extraEnv, logFile });
	// Ctrl-C or a kill stops this pass's n8n too, and removes its folder.
	const interrupted = () => {
		n8n.stop(5_000).finally(() => {
			fs.rmSync(userFolder, { recursive: true, force: true });
			process.exit(130);
		});
	};
	process.once('SIGINT', interrupted);
	process.once('SIGTERM', interrupted);
	const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
	try {
		const rest = new N8nRest(n8n.baseUrl);
		await rest.ownerSession();
		const targets = [];
		for (const [key, label, build, middleNode] of [
			['A', 'A  Webhook -> Respond (bare)', bareWorkflow],
			['B', 'B  Webhook -> Latency Classifier -> Respond', classifierWorkflow, 'Now or tonight?'],
			['C', 'C  Webhook -> No Operation -> Respond', noOpWorkflow, 'No Operation'],
		]) {
			const workflow = build();
			const created = await rest.createWorkflow(workflow);
			await rest.activate(created.id);
			const webhookPath = workflow.nodes[0].parameters.path;
			targets.push({ key, label, middleNode, id: created.id, url: `${n8n.baseUrl}/webhook/${webhookPath}` });
		}
		for (const target of targets) await waitUntilRegistered(agent, target);
		log(`3 workflows active; warm-up: ${options.warmup} requests each`);

		const warmupRequests = makeRequests(options.warmup, 0);
		const all = [];
		for (const target of targets) {
			const warmup = await sendBatch(agent, target, warmupRequests, options.concurrency);
			all.push({ latencies: [], failures: warmup.failures.map((failure) => `warm-up: ${failure}`), wallMs: 0, cpuMs: 0 });
		}

		const perRound = Math.ceil(options.requests / options.rounds);
		log(`measuring: ${options.rounds} rounds x ${perRound} requests per workflow, concurrency ${options.concurrency}, order rotating each round`);
		const rounds = targets.map(() => []);
		for (let round = 0; round < options.rounds; round++) {
			// Every workflow gets the same bodies in a round; the order rotates: A B C, B C A, C A B.
			const requests = makeRequests(perRound, options.warmup + round * perRound);
			for (let step = 0; step < targets.length; step++) {
				const index = (round + step) % targets.length;
				const cpuBefore = cpuMs(n8n.child.pid);
				const batch = await sendBatch(agent, targets[index], requests, options.concurrency);
				// n8n saves an execution after it answers: let the block's last saves finish before the next block.
				await sleep(SETTLE_MS);
				all[index].cpuMs += cpuMs(n8n.child.pid) - cpuBefore;
				rounds[index].push(summarize(batch.latencies, batch.wallMs));
				all[index].latencies.push(...batch.latencies);
				all[index].failures.push(...batch.failures);
				all[index].wallMs += batch.wallMs;
			}
			process.stdout.write(
				`[bench:live] round ${round + 1}/${options.rounds}: p50 ${targets.map((target, index) => `${target.key} ${ms(rounds[index][round].p50)}`).join(', ')} ms\n`,
			);
		}
		// The last executions are still being saved after their answers: read the counts until they hold still.
		let saved = [];
		for (let attempt = 0; attempt < 20; attempt++) {
			const counts = [];
			for (const target of targets) counts.push(await savedExecutions(rest, target.id));
			const still = counts.every((count, index) => count === saved[index]);
			saved = counts;
			if (still) break;
			await sleep(500);
		}
		let inside;
		if (saving === 'default') {
			inside = await insideN8n(rest, targets, INSIDE_SAMPLE).catch((error) => log(`could not read the saved executions: ${error.message}`));
		}
		return { saving, targets, rounds, all, saved, inside, perRound, logFile };
	} finally {
		process.removeListener('SIGINT', interrupted);
		process.removeListener('SIGTERM', interrupted);
		agent.destroy();
		await n8n.stop();
		if (process.env.BENCH_LIVE_KEEP !== '1') fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

/** A small deterministic generator, so the bootstrap interval is the same for the same figures. */
function randomSequence(seed = 42) {
	let state = seed;
	return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/**
 * One statistic of two workflows, paired round by round: the median over rounds of the ratios and of
 * the differences, and a 95% bootstrap interval of that median (rounds resampled with replacement).
 */
function paired(rounds, left, right, stat) {
	const ratios = rounds[left].map((round, index) => round[stat] / rounds[right][index][stat]);
	const differences = rounds[left].map((round, index) => round[stat] - rounds[right][index][stat]);
	const next = randomSequence();
	const medians = [];
	for (let resample = 0; resample < 2000; resample++) {
		medians.push(median(ratios.map(() => ratios[Math.floor(next() * ratios.length)])));
	}
	medians.sort((a, b) => a - b);
	return { ratio: median(ratios), difference: median(differences), low: percentile(medians, 0.025), high: percentile(medians, 0.975) };
}

const percent = (ratio) => `${signed((ratio - 1) * 100, 1)}%`;

function report(pass, options) {
	const { targets, rounds, all, saved } = pass;
	const title =
		pass.saving === 'none'
			? 'successful executions not saved (EXECUTIONS_DATA_SAVE_ON_SUCCESS=none)'
			: 'executions saved as n8n does by default (every production execution, SQLite)';
	process.stdout.write(`\n== ${title}\n`);
	const pooled = targets.map((target, index) => summarize(all[index].latencies, all[index].wallMs));
	const cpuPerRequest = targets.map((target, index) => all[index].cpuMs / (rounds[index].length * pass.perRound));
	printTable(
		['workflow', 'p50 ms', 'p95 ms', 'p99 ms', 'mean ms', 'requests/s', 'n8n CPU ms/request', 'requests', 'failures', 'saved executions'],
		targets.map((target, index) => [
			target.label,
			ms(pooled[index].p50),
			ms(pooled[index].p95),
			ms(pooled[index].p99),
			ms(pooled[index].mean),
			pooled[index].perSecond.toFixed(1),
			Number.isNaN(cpuPerRequest[index]) ? '-' : cpuPerRequest[index].toFixed(2),
			String(rounds[index].length * pass.perRound),
			String(all[index].failures.length),
			saved[index] === undefined ? '?' : String(saved[index]),
		]),
	);
	process.stdout.write(
		`\nevery measured request counted once; ${options.rounds} interleaved rounds of ${pass.perRound} requests per workflow ` +
			`(order rotating), concurrency ${options.concurrency}, keep-alive, after ${options.warmup} warm-up requests each; failures include the warm-up\n`,
	);
	const [A, B, C] = [0, 1, 2];
	const overall = (left, right, stat) => pooled[left][stat] / pooled[right][stat];
	const pairs = [
		['B/A (classifier path vs bare)', B, A],
		['C/A (NoOp path vs bare)', C, A],
		['B/C (classifier vs NoOp)', B, C],
	];
	const width = Math.max(...pairs.map(([label]) => label.length)) + 1;
	process.stdout.write('ratios, all requests:\n');
	for (const [label, left, right] of pairs) {
		const figures = ['p50', 'p95', 'p99', 'mean'].map((stat) => `${stat} ${overall(left, right, stat).toFixed(2)}x`).join(', ');
		const difference = pooled[left].p50 - pooled[right].p50;
		process.stdout.write(`${`${label}:`.padEnd(width)} ${figures}; p50 ${signed(difference)} ms (${percent(overall(left, right, 'p50'))})\n`);
	}
	if (!cpuPerRequest.some(Number.isNaN)) {
		process.stdout.write('n8n CPU per request (user + system of the n8n process, SQLite included; other processes do not count):\n');
		for (const [label, left, right] of pairs) {
			const ratio = cpuPerRequest[left] / cpuPerRequest[right];
			process.stdout.write(`${`${label}:`.padEnd(width)} ${ratio.toFixed(3)}x (${signed(cpuPerRequest[left] - cpuPerRequest[right])} ms, ${percent(ratio)})\n`);
		}
	}
	process.stdout.write('p50 ratio paired round by round (median over rounds, 95% bootstrap interval):\n');
	const headline = paired(rounds, B, A, 'p50');
	for (const [label, left, right] of pairs) {
		const result = left === B && right === A ? headline : paired(rounds, left, right, 'p50');
		process.stdout.write(
			`${`${label}:`.padEnd(width)} ${result.ratio.toFixed(3)}x (${percent(result.ratio)}, ${signed(result.difference)} ms; interval ${percent(result.low)} to ${percent(result.high)})\n`,
		);
	}
	if (pass.inside) {
		process.stdout.write(`\ninside n8n, from the last ${INSIDE_SAMPLE} saved executions of each workflow:\n`);
		printTable(
			['workflow', 'executions', 'run ms, median', 'run ms, mean', 'middle node executionTime ms, mean', 'saved JSON bytes, mean'],
			pass.inside.map((row) => [
				row.target.label,
				String(row.executions),
				ms(row.runMs),
				ms(row.runMean),
				Number.isNaN(row.nodeMs) ? '-' : row.nodeMs.toFixed(2),
				row.bytes.toFixed(0),
			]),
		);
		const [classifier, noOp] = [pass.inside.find((row) => row.target.key === 'B'), pass.inside.find((row) => row.target.key === 'C')];
		const nodeRatio = classifier.nodeMs / noOp.nodeMs;
		process.stdout.write(
			`Latency Classifier's executionTime vs No Operation's, mean: ${classifier.nodeMs.toFixed(2)} vs ${noOp.nodeMs.toFixed(2)} ms, ` +
				`${nodeRatio.toFixed(2)}x (target: at most ${TARGET_NODE_RATIO}x) ${nodeRatio <= TARGET_NODE_RATIO ? 'MET' : 'MISSED'}\n`,
		);
	}
	const failures = all.reduce((sum, workflow) => sum + workflow.failures.length, 0);
	const met = headline.ratio - 1 <= TARGET_P50_INCREASE;
	const resolved = headline.high - 1 <= TARGET_P50_INCREASE || headline.low - 1 > TARGET_P50_INCREASE;
	if (failures > 0) {
		process.stdout.write(`INVALID: ${failures} request(s) failed, e.g. ${all.flatMap((workflow) => workflow.failures)[0]}\n`);
	} else {
		process.stdout.write(
			`verdict: with the Latency Classifier the median changes by ${percent(headline.ratio)} (${signed(headline.difference)} ms), paired by round ` +
				`(target: at most ${TARGET_P50_INCREASE * 100}%) ${met ? 'MET' : 'MISSED'}` +
				`${resolved ? '' : `; not settled at this noise: the interval ${percent(headline.low)} to ${percent(headline.high)} spans the target`}\n`,
		);
	}
	return { failures, met };
}

async function main() {
	const options = readOptions(process.argv.slice(2));
	if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes'))) throw new Error('dist/ is missing: run npm run build first (npm run bench:live does)');
	ensureN8nInstalled(log);
	process.stdout.write(
		`Node ${process.version}, n8n ${N8N_VERSION}, ${os.cpus().length} cores, load ${os
			.loadavg()
			.map((load) => load.toFixed(2))
			.join(' ')}, ${new Date().toISOString()}\n`,
	);
	const passes = options.saving === 'both' ? ['default', 'none'] : [options.saving];
	const outsideWorld = await startOutsideWorld();
	let invalid = false;
	try {
		for (const saving of passes) {
			const pass = await runPass(saving, options, outsideWorld);
			const { failures } = report(pass, options);
			if (failures > 0) {
				invalid = true;
				process.stdout.write(`(n8n log: ${pass.logFile}, kept only with BENCH_LIVE_KEEP=1)\n`);
			}
		}
	} finally {
		await outsideWorld.close();
	}
	if (invalid) process.exitCode = 1;
}

main().catch((error) => {
	process.stderr.write(`${error.stack ?? error}\n`);
	process.exit(1);
});
