/**
 * The Data Tables the templates share. `batch_queue`: real-time workflows insert what can wait, the
 * nightly batch reads it, sends one digest, then deletes what it sent. `alert_outbox`: see below. Data Table columns hold only text,
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

/**
 * The alerting templates' outbox: every alert is kept here before it is posted and removed once
 * Slack took it; what Slack refused is posted again on the next run. A notifier outage delays an
 * alert, never loses it (at least once: a crash between posting and removing posts it twice).
 */
const ALERT_OUTBOX = {
	name: 'alert_outbox',
	columns: [
		// n8n adds id, createdAt and updatedAt to every table itself.
		{ name: 'message', type: 'string' },
	],
};

/**
 * The lead intake's outbox: a real-time lead is kept here before the webhook replies and Slack
 * hears of it, and removed once Slack took it; what Slack refused is posted again every minute.
 */
const LEAD_OUTBOX = {
	name: 'lead_outbox',
	columns: [{ name: 'message', type: 'string' }],
};

/**
 * The real-time templates' memory of webhook deliveries: one row per delivery, under the sender's
 * event id. A delivery goes on only when no earlier row has its event id (the lowest row id wins,
 * so of concurrent repeats exactly one goes on); rows older than a day are deleted every minute.
 */
const WEBHOOK_DELIVERIES = {
	name: 'webhook_deliveries',
	columns: [{ name: 'eventId', type: 'string' }],
};

/** Creates a table in the owner's project unless one of that name exists; returns its id. */
async function ensureTable(rest, spec) {
	const projectId = await rest.personalProjectId();
	const existing = await rest.get(`/projects/${projectId}/data-tables?filter=${encodeURIComponent(JSON.stringify({ name: spec.name }))}`);
	const found = (existing.data ?? existing).find?.((table) => table.name === spec.name);
	if (found) return { projectId, id: found.id, created: false };
	const table = await rest.post(`/projects/${projectId}/data-tables`, spec);
	return { projectId, id: table.id, created: true };
}

/** Every table the templates use: { batchQueue, alertOutbox, leadOutbox, webhookDeliveries }, each { projectId, id, created }. */
async function ensureTemplateTables(rest) {
	return {
		batchQueue: await ensureTable(rest, BATCH_QUEUE),
		alertOutbox: await ensureTable(rest, ALERT_OUTBOX),
		leadOutbox: await ensureTable(rest, LEAD_OUTBOX),
		webhookDeliveries: await ensureTable(rest, WEBHOOK_DELIVERIES),
	};
}

/** Every row of a Data Table, oldest first (n8n answers at most 250 rows a page, whatever is asked). */
async function readRows(rest, projectId, tableId) {
	const rows = [];
	for (;;) {
		const page = await rest.get(`/projects/${projectId}/data-tables/${tableId}/rows?skip=${rows.length}&take=250&sortBy=${encodeURIComponent('id:asc')}`);
		rows.push(...page.data);
		if (rows.length >= page.count || page.data.length === 0) return rows;
	}
}

module.exports = { BATCH_QUEUE, ALERT_OUTBOX, LEAD_OUTBOX, WEBHOOK_DELIVERIES, ensureTable, ensureTemplateTables, readRows };
