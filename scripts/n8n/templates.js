/**
 * The template workflows in workflows/, made ready to import into a server: the credentials
 * created there attached to the nodes that need them (the files carry none).
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { ROOT, PACKAGE } = require('./runtime');

const TEMPLATE_FOLDER = path.join(ROOT, 'workflows');

const loadTemplate = (file) => JSON.parse(fs.readFileSync(path.join(TEMPLATE_FOLDER, file), 'utf8'));

/** The credential type a template node needs, or undefined. */
function credentialTypeFor(node) {
	if (node.type === 'n8n-nodes-base.webhook' && node.parameters.authentication === 'headerAuth') return 'httpHeaderAuth';
	if (node.type === 'n8n-nodes-base.slack' && (node.parameters.authentication ?? 'accessToken') === 'accessToken') return 'slackApi';
	if (node.type === `${PACKAGE.name}.adMetrics`)
		return node.parameters.platform === 'googleAds' ? 'realtimeBatchGoogleAdsOAuth2Api' : 'realtimeBatchMetaAdsApi';
	if (ALERTING_NODES.includes(node.type) && node.parameters.alertMemory === 'dataTable') return 'realtimeBatchN8nApi';
	if (node.type === `${PACKAGE.name}.automationAudit`) return 'realtimeBatchN8nApi';
	return undefined;
}

const ALERTING_NODES = ['healthMonitor', 'roasCalculator', 'cpaTracker'].map((name) => `${PACKAGE.name}.${name}`);

/** A copy with every alerting node set to Alert Memory "Shared Data Table", as the sticky notes advise for queue mode. */
function withSharedAlertMemory(workflow, table) {
	const copy = structuredClone(workflow);
	for (const node of copy.nodes) {
		if (!ALERTING_NODES.includes(node.type)) continue;
		node.parameters.alertMemory = 'dataTable';
		if (table !== undefined) node.parameters.alertMemoryTable = table;
	}
	return copy;
}

/**
 * A copy of the workflow with credentials attached: `created` maps a credential type to the
 * credential made on the server ({ id, name }); `skipNode` leaves one node without (a canary).
 */
function withCredentials(workflow, created, { skipNode } = {}) {
	const copy = structuredClone(workflow);
	for (const node of copy.nodes) {
		const type = credentialTypeFor(node);
		if (type === undefined || node.name === skipNode || created[type] === undefined) continue;
		node.credentials = { [type]: { id: created[type].id, name: created[type].name } };
	}
	return copy;
}

module.exports = { TEMPLATE_FOLDER, ALERTING_NODES, loadTemplate, credentialTypeFor, withCredentials, withSharedAlertMemory };
