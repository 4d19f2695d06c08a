/**
 * The Data Table the templates share: real-time workflows insert what can wait, the nightly batch
 * reads it, sends one digest, then deletes what it sent. Data Table columns hold only text,
 * numbers, booleans and dates, so the templates flatten each event into these columns first.
 */
'use strict';

const BATCH_QUEUE = {
	name: 'batch_queue',
	columns: [
		{ name: 'eventType', type: 'string' },
		{ name: 'source', type: 'string' },
		{ name: 'contact', type: 'string' },
		{ name: 'reason', type: 'string' },
		{ name: 'payload', type: 'string' },
		{ name: 'receivedAt', type: 'date' },
	],
};

/** Creates `batch_queue` in the owner's project unless a table of that name exists; returns its id. */
async function ensureBatchQueueTable(rest) {
	const projectId = await rest.personalProjectId();
	const existing = await rest.get(`/projects/${projectId}/data-tables?filter=${encodeURIComponent(JSON.stringify({ name: BATCH_QUEUE.name }))}`);
	const found = (existing.data ?? existing).find?.((table) => table.name === BATCH_QUEUE.name);
	if (found) return { projectId, id: found.id, created: false };
	const table = await rest.post(`/projects/${projectId}/data-tables`, BATCH_QUEUE);
	return { projectId, id: table.id, created: true };
}

/** Every row of a Data Table, oldest first. */
async function readRows(rest, projectId, tableId) {
	const rows = [];
	for (let skip = 0; ; skip += 500) {
		const page = await rest.get(`/projects/${projectId}/data-tables/${tableId}/rows?skip=${skip}&take=500&sortBy=${encodeURIComponent('id:asc')}`);
		rows.push(...page.data);
		if (rows.length >= page.count || page.data.length === 0) return rows;
	}
}

module.exports = { BATCH_QUEUE, ensureBatchQueueTable, readRows };
