/**
 * One small workflow per alerting node, for races: Webhook (header auth, so that the probe waiting
 * for its registration starts no run) → the node (fires on the first bad report) → Slack. Many
 * calls at the same moment are many executions of one monitor at once.
 */
'use strict';

const { withCredentials } = require('../../scripts/n8n/templates');

const PACKAGE = 'n8n-nodes-realtime-batch';

/** Per node: its type, parameters that fire on the first bad report, and a report that is bad. */
const NODES = {
	healthMonitor: {
		parameters: {
			checks: {
				check: [
					{
						name: 'Queue depth',
						checkType: 'metric',
						metricField: 'body.depth',
						aggregation: 'last',
						condition: 'above',
						warning: 100,
						critical: 200,
						options: { pendingRuns: 1 },
					},
				],
			},
		},
		badReport: { depth: 250 },
		alert: /^CRITICAL Queue depth/,
	},
	roasCalculator: {
		parameters: { inputFormat: 'fields', ...adFields(), targetRoas: 3, criticalRoas: 1, minSpend: 50 },
		badReport: { campaign: 'Brand', spend: 100, revenue: 50, conversions: 2, currency: 'USD', date: '2026-12-01' },
		alert: /^CRITICAL Brand/,
	},
	cpaTracker: {
		parameters: { inputFormat: 'fields', ...adFields(), targetCpa: 40, maximumCpa: 80, minConversions: 3, minSpend: 50 },
		badReport: { campaign: 'Brand', spend: 500, revenue: 100, conversions: 4, currency: 'USD', date: '2026-12-01' },
		alert: /^CRITICAL Brand/,
	},
};

function adFields() {
	return {
		campaignField: 'body.campaign',
		spendField: 'body.spend',
		valueField: 'body.revenue',
		conversionsField: 'body.conversions',
		currencyField: 'body.currency',
		dateField: 'body.date',
	};
}

/** `kind`: a key of NODES; `alertMemory`: 'workflow' or 'dataTable'; credentials as made on the server. */
function racingWorkflow(kind, alertMemory, webhookPath, credentials) {
	const spec = NODES[kind];
	const workflow = {
		name: `Racing ${kind} (${alertMemory})`,
		nodes: [
			{
				id: `${webhookPath}-hook`,
				name: 'Report',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				parameters: { httpMethod: 'POST', path: webhookPath, authentication: 'headerAuth', responseMode: 'onReceived', options: {} },
				webhookId: webhookPath,
			},
			{
				id: `${webhookPath}-node`,
				name: 'Watch',
				type: `${PACKAGE}.${kind}`,
				typeVersion: 1,
				position: [220, 0],
				parameters: { ...spec.parameters, alertMemory },
			},
			{
				id: `${webhookPath}-slack`,
				name: 'Post alert',
				type: 'n8n-nodes-base.slack',
				typeVersion: 2.3,
				position: [440, 0],
				parameters: { select: 'channel', channelId: { __rl: true, value: '#alerts', mode: 'name' }, text: '={{ $json.message }}', otherOptions: {} },
			},
		],
		connections: {
			Report: { main: [[{ node: 'Watch', type: 'main', index: 0 }]] },
			Watch: { main: [[{ node: 'Post alert', type: 'main', index: 0 }], [], []] },
		},
		settings: { executionOrder: 'v1' },
	};
	return withCredentials(workflow, credentials);
}

module.exports = { RACING_NODES: NODES, racingWorkflow };
