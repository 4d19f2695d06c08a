/**
 * A real n8n server for end-to-end tests: a temporary user folder with this package installed as a
 * community package, the local owner, the templates' Data Tables, credentials, and the templates
 * imported and activated, with every outside call going to the local outside-world stand-in.
 */
'use strict';

const axios = require('axios');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { installPackageInto } = require('../../scripts/n8n/runtime');
const { loadTemplate, withCredentials } = require('../../scripts/n8n/templates');
const { startN8n, sleep } = require('../../scripts/n8n/server');
const { N8nRest } = require('../../scripts/n8n/rest');
const { ensureTemplateTables, readRows } = require('../../scripts/n8n/dataTables');
const { startOutsideWorld } = require('./standIns/outsideWorld');

const API_KEY = 'e2e-intake-key-7f3a';

class TemplateServer {
	constructor() {
		this.userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'realtime-batch-e2e-'));
		this.logFile = path.join(this.userFolder, 'n8n.log');
		this.workflows = {};
	}

	/**
	 * First start: owner, table, credentials; later starts reuse the same user folder (a restart).
	 * `extraEnv`: settings for this start only, such as N8N_PUBLIC_API_DISABLED.
	 */
	async start(extraEnv = {}) {
		this.world ??= await startOutsideWorld();
		if (!this.installed) {
			installPackageInto(this.userFolder);
			this.installed = true;
		}
		this.n8n = await startN8n({
			userFolder: this.userFolder,
			port: this.port,
			extraEnv: { ...this.world.env, N8N_LOG_LEVEL: 'warn', ...extraEnv },
			logFile: this.logFile,
		});
		this.port = this.n8n.port;
		this.rest = new N8nRest(this.n8n.baseUrl);
		await this.rest.ownerSession();
		const tables = await ensureTemplateTables(this.rest);
		this.table = tables.batchQueue;
		this.outbox = tables.alertOutbox;
		this.leadOutbox = tables.leadOutbox;
		this.webhookDeliveries = tables.webhookDeliveries;
		if (!this.credentials) {
			const header = await this.rest.createCredential('Intake API key', 'httpHeaderAuth', { name: 'X-Api-Key', value: API_KEY });
			const slack = await this.rest.createCredential('Slack', 'slackApi', { accessToken: 'xoxb-e2e-not-a-real-token' });
			this.credentials = { httpHeaderAuth: header, slackApi: slack };
		}
		return this;
	}

	async stop() {
		await this.n8n?.stop();
	}

	async restart(extraEnv = {}) {
		await this.stop();
		await this.start(extraEnv);
	}

	async close() {
		await this.stop();
		await this.world?.close();
		fs.rmSync(this.userFolder, { recursive: true, force: true });
	}

	/** Imports a template (optionally changed first, as a user would tweak it), activates it. */
	async importAndActivate(file, change = (template) => template) {
		const template = change(withCredentials(loadTemplate(file), this.credentials));
		const created = await this.rest.createWorkflow(template);
		await this.rest.activateAndWaitForWebhooks(created.id);
		this.workflows[file] = created.id;
		return created.id;
	}

	waitForWebhook(webhookPath) {
		return this.rest.waitForWebhook(webhookPath);
	}

	/** POSTs to a production webhook with axios; body is an object (sent as JSON) or a raw string; apiKey null sends none. */
	async post(webhookPath, body, { apiKey = API_KEY, headers = {}, timeout = 60_000 } = {}) {
		const response = await axios.post(`${this.n8n.baseUrl}/webhook/${webhookPath}`, typeof body === 'string' ? body : JSON.stringify(body), {
			headers: { 'content-type': 'application/json', ...(apiKey === null ? {} : { 'x-api-key': apiKey }), ...headers },
			timeout,
			proxy: false,
			validateStatus: () => true,
			// Send and read bodies as they are: axios would otherwise quote a string that is not valid JSON.
			transformRequest: [(data) => data],
			transformResponse: [(raw) => raw],
		});
		let json;
		try {
			json = JSON.parse(response.data);
		} catch {
			json = undefined;
		}
		return { status: response.status, text: response.data, json };
	}

	rows() {
		return readRows(this.rest, this.table.projectId, this.table.id);
	}

	/** The alerts Slack refused that wait in alert_outbox for the next run. */
	outboxRows() {
		return readRows(this.rest, this.outbox.projectId, this.outbox.id);
	}

	/** The leads Slack has not taken yet. */
	leadOutboxRows() {
		return readRows(this.rest, this.leadOutbox.projectId, this.leadOutbox.id);
	}

	async staticData(file) {
		return (await this.rest.get(`/workflows/${this.workflows[file]}`)).staticData ?? {};
	}

	/** The workflow's latest executions as "id status startedAt stoppedAt" lines, for failure messages. */
	async recentExecutions(file, limit = 8) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId: this.workflows[file] }));
		const page = await this.rest.get(`/executions?filter=${filter}&limit=${limit}`).catch((error) => ({ results: [], error }));
		if (page.error) return [`(executions not readable: ${page.error.message})`];
		return (page.results ?? []).map((execution) => `${execution.id} ${execution.status} ${execution.startedAt} ${execution.stoppedAt ?? ''}`);
	}

	/**
	 * Waits until `condition()` gives a value; on timeout the error shows the template's latest
	 * executions and n8n's log tail, so a stalled schedule is visible.
	 */
	async until(condition, what, { file, deadlineMs = 60_000, context = () => '' } = {}) {
		const started = Date.now();
		while (Date.now() - started < deadlineMs) {
			const value = await condition();
			if (value) return value;
			await sleep(100);
		}
		const executions = file ? await this.recentExecutions(file) : [];
		throw new Error(`timed out waiting for ${what}; ${context()}; latest executions:\n${executions.join('\n')}\n${this.logTail()}`);
	}

	logTail(chars = 4000) {
		return fs.existsSync(this.logFile) ? fs.readFileSync(this.logFile, 'utf8').slice(-chars) : '';
	}
}

/** A template with its Schedule Trigger sped up to every `seconds`, so a test takes seconds, not minutes. */
function everySeconds(seconds) {
	return (template) => {
		template.nodes.find((node) => node.type === 'n8n-nodes-base.scheduleTrigger').parameters.rule = {
			interval: [{ field: 'seconds', secondsInterval: seconds }],
		};
		return template;
	};
}

/** Runs `task` over `inputs` with at most `concurrency` in flight; results keep the input order. */
async function inParallel(inputs, concurrency, task) {
	const results = new Array(inputs.length);
	let next = 0;
	const workers = Array.from({ length: concurrency }, async () => {
		while (next < inputs.length) {
			const index = next++;
			results[index] = await task(inputs[index], index);
		}
	});
	await Promise.all(workers);
	return results;
}

module.exports = { TemplateServer, API_KEY, everySeconds, inParallel, sleep };
