/**
 * The alerting nodes' shared alert memory on a local n8n: an API key of the owner with the scopes
 * it needs, the package's credential holding it, and a reader of the memory rows.
 */
'use strict';

const path = require('node:path');
const { ROOT } = require('./runtime');

const { REQUIRED_SCOPES } = require(path.join(ROOT, 'dist/nodes/shared/alertMemory/publicApi.js'));
const { DEFAULT_MEMORY_TABLE } = require(path.join(ROOT, 'dist/nodes/shared/alertMemory/dataTableStore.js'));

const CREDENTIAL_TYPE = 'realtimeBatchN8nApi';

/** Creates the key and the credential; returns { apiKey, credential: { id, name } }. */
async function createAlertMemoryCredential(rest, baseUrl, { scopes = REQUIRED_SCOPES, name = 'Alert memory (this n8n)' } = {}) {
	const apiKey = await rest.createApiKey(`${name} ${Date.now()}`, [...scopes]);
	const credential = await rest.createCredential(name, CREDENTIAL_TYPE, { apiKey, baseUrl });
	return { apiKey, credential };
}

/** A minimal client of n8n's public API, with an API key. */
function publicApi(baseUrl, apiKey) {
	const request = async (method, route, body) => {
		const response = await fetch(`${baseUrl}/api/v1${route}`, {
			method,
			headers: { 'content-type': 'application/json', 'x-n8n-api-key': apiKey },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = text;
		}
		return { status: response.status, body: json };
	};
	return {
		request,
		/** The transport the package's Data Table store takes: { method, path, qs, body } → { status, body }. */
		transport: async ({ method, path: route, qs, body }) => request(method, `${route}${qs ? `?${new URLSearchParams(qs)}` : ''}`, body),
		async tableId(name = DEFAULT_MEMORY_TABLE) {
			const { body } = await request('GET', `/data-tables?filter=${encodeURIComponent(JSON.stringify({ name }))}`);
			return body.data?.find((table) => table.name === name)?.id;
		},
		/** Every row of the memory table (the key, version, node and memory columns, and n8n's id). */
		async memoryRows(name = DEFAULT_MEMORY_TABLE) {
			const id = await this.tableId(name);
			if (id === undefined) return [];
			const rows = [];
			for (let cursor = ''; ; ) {
				const { body } = await request('GET', `/data-tables/${id}/rows?limit=250${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
				rows.push(...body.data);
				if (!body.nextCursor) return rows.sort((a, b) => a.id - b.id);
				cursor = body.nextCursor;
			}
		},
	};
}

module.exports = { CREDENTIAL_TYPE, REQUIRED_SCOPES, DEFAULT_MEMORY_TABLE, createAlertMemoryCredential, publicApi };
