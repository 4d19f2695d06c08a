/**
 * A small client for n8n's own REST API (the one the editor uses), logged in as the owner.
 */
'use strict';

const OWNER = { email: 'owner@realtime-batch.local', password: 'Realtime-Batch-1', firstName: 'Local', lastName: 'Owner' };

class RestError extends Error {
	constructor(method, url, status, body) {
		super(`${method} ${url} answered ${status}: ${body.slice(0, 500)}`);
		this.status = status;
	}
}

class N8nRest {
	constructor(baseUrl) {
		this.baseUrl = baseUrl;
		this.cookie = '';
	}

	async request(method, route, body) {
		const url = `${this.baseUrl}/rest${route}`;
		const response = await fetch(url, {
			method,
			headers: { 'content-type': 'application/json', cookie: this.cookie, 'browser-id': 'realtime-batch-scripts' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.getSetCookie?.() ?? [];
		const auth = setCookie.find((cookie) => cookie.startsWith('n8n-auth='));
		if (auth) this.cookie = auth.split(';')[0];
		const text = await response.text();
		if (!response.ok) throw new RestError(method, url, response.status, text);
		const parsed = text ? JSON.parse(text) : {};
		return parsed.data ?? parsed;
	}

	get = (route) => this.request('GET', route);
	post = (route, body) => this.request('POST', route, body ?? {});
	patch = (route, body) => this.request('PATCH', route, body);
	delete = (route, body) => this.request('DELETE', route, body);

	/**
	 * Creates the local owner on a new user folder (400 = one exists), then logs in.
	 * The REST routes come up a little after /healthz, so both are retried for a while.
	 */
	async ownerSession(deadlineMs = 60_000) {
		const started = Date.now();
		let created = false;
		for (;;) {
			try {
				await this.post('/owner/setup', OWNER);
				created = true;
			} catch (error) {
				if (error.status !== 400 && Date.now() - started < deadlineMs) {
					await new Promise((resolve) => setTimeout(resolve, 1000));
					continue;
				}
				if (error.status !== 400) throw error;
			}
			break;
		}
		await this.post('/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });
		return { created };
	}

	async personalProjectId() {
		return (await this.get('/projects/personal')).id;
	}

	async createWorkflow(workflow) {
		const { name, nodes, connections, settings, pinData } = workflow;
		return this.post('/workflows', { name, nodes, connections, settings: settings ?? {}, pinData: pinData ?? {} });
	}

	async activate(workflowId) {
		const { versionId } = await this.get(`/workflows/${workflowId}`);
		return this.post(`/workflows/${workflowId}/activate`, { versionId });
	}

	/** Stops a workflow's triggers (its schedules and webhooks). */
	async deactivate(workflowId) {
		return this.post(`/workflows/${workflowId}/deactivate`, {});
	}

	/**
	 * Activates a workflow and waits until each of its webhook paths answers. n8n 2.41 applies an
	 * activation asynchronously (its publication outbox): the path answers 404 for a moment after
	 * the activate call returned.
	 */
	async activateAndWaitForWebhooks(workflowId, deadlineMs = 60_000) {
		const workflow = await this.activate(workflowId);
		const paths = workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.webhook').map((node) => node.parameters.path);
		for (const webhookPath of paths) await this.waitForWebhook(webhookPath, deadlineMs);
		return workflow;
	}

	/**
	 * Waits until a production webhook path is registered. The probe carries a wrong API key, so on a
	 * webhook with header auth it is refused and starts no run (on one without auth it is a real call).
	 */
	async waitForWebhook(webhookPath, deadlineMs = 60_000) {
		const started = Date.now();
		while (Date.now() - started < deadlineMs) {
			const response = await fetch(`${this.baseUrl}/webhook/${webhookPath}`, { method: 'POST', headers: { 'x-api-key': 'not-the-key' } });
			await response.arrayBuffer();
			if (response.status !== 404) return;
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		throw new Error(`webhook ${webhookPath} was not registered within ${deadlineMs / 1000} s`);
	}

	/** An API key of the owner for n8n's public API, with these scopes; returns the key itself. */
	async createApiKey(label, scopes) {
		return (await this.post('/api-keys', { label, scopes, expiresAt: null })).rawApiKey;
	}

	async createCredential(name, type, data) {
		return this.post('/credentials', { name, type, data });
	}
}

module.exports = { N8nRest, OWNER };
