import { createPresetMatcher, presetsOfVersion } from '../latency/presets';
import { routeFor, type Route } from '../latency/oneHourTest';
import type { SavedNode } from './triggers';

/**
 * What a workflow's work is, by the one-hour test: the Latency Classifier's ready-made rules (its
 * version 2 reading of word forms) applied to what the workflow says about itself, plus the node
 * types that can only mean one thing.
 */
export interface WorkEvidence {
	route: Route;
	/** The ready-made rule, or what the node does. */
	what: string;
	/** Where it was found: `name "Lead follow-up"`, `node "Append to sheet"`, `tag "reporting"`, `sticky note`. */
	where: string;
}

export interface WorkReading {
	realTime: WorkEvidence[];
	batch: WorkEvidence[];
	/** It already routes with a Latency Classifier. */
	split: boolean;
	/** A node that watches figures no event announces (ROAS, CPA, business metrics): such work can only be polled. */
	watches?: WorkEvidence;
}

export interface SavedWorkflow {
	name: string;
	tags?: string[];
	nodes: SavedNode[];
}

const CLASSIFIER = 'n8n-nodes-realtime-batch.latencyClassifier';
const STICKY = 'n8n-nodes-base.stickyNote';

/** Node types whose work is plain from the type: a reply to whoever is waiting, or a file built for later. */
const NODE_WORK: Record<string, { route: Route; what: string }> = {
	'n8n-nodes-base.respondToWebhook': { route: 'realTime', what: 'replies to the caller' },
	'n8n-nodes-base.form': { route: 'realTime', what: 'answers a form' },
	'@n8n/n8n-nodes-langchain.chat': { route: 'realTime', what: 'answers a chat' },
	'n8n-nodes-base.twilio': { route: 'realTime', what: 'sends a text message' },
	'n8n-nodes-base.convertToFile': { route: 'batch', what: 'builds a file' },
	'n8n-nodes-base.spreadsheetFile': { route: 'batch', what: 'builds a file' },
	'n8n-nodes-base.compression': { route: 'batch', what: 'compresses files' },
	'n8n-nodes-base.aggregate': { route: 'batch', what: 'combines items into one' },
	'n8n-nodes-base.summarize': { route: 'batch', what: 'summarizes items' },
	'n8n-nodes-realtime-batch.batchDigest': { route: 'batch', what: 'builds a digest' },
	'n8n-nodes-realtime-batch.automationAudit': { route: 'batch', what: 'audits the automations' },
};

/** Node types whose work depends on the operation chosen; `fallback` is n8n's default operation. */
const OPERATION_WORK: Record<string, { operations: string[]; fallback: string; route: Route; what: string }> = {
	'n8n-nodes-base.googleSheets': { operations: ['append', 'appendOrUpdate', 'update'], fallback: 'read', route: 'batch', what: 'writes rows to a sheet' },
};

function workOfNode(node: SavedNode): { route: Route; what: string } | undefined {
	const known = NODE_WORK[node.type];
	if (known) return known;
	const byOperation = OPERATION_WORK[node.type];
	const operation = String(node.parameters?.operation ?? byOperation?.fallback);
	return byOperation?.operations.includes(operation) ? { route: byOperation.route, what: byOperation.what } : undefined;
}

/** Nodes that judge figures read on a schedule: there is no event to start them. */
const WATCHERS: Record<string, string> = {
	'n8n-nodes-realtime-batch.roasCalculator': 'watches ROAS',
	'n8n-nodes-realtime-batch.cpaTracker': 'watches CPA',
	'n8n-nodes-realtime-batch.healthMonitor': 'watches business metrics',
};

const matchRule = createPresetMatcher(
	presetsOfVersion(2).map((preset) => preset.id),
	{ tiesGoRealTime: true, version2Names: true },
);

/**
 * Reads the evidence. Sticky notes explain and warn ("if Slack is down…"), so they count only when
 * the name, tags and nodes say nothing; disabled nodes and trigger-less words count never.
 */
export function readWork(workflow: SavedWorkflow): WorkReading {
	const nodes = workflow.nodes.filter((node) => node.disabled !== true);
	const found: WorkEvidence[] = [];
	const byRule = (text: string, where: string) => {
		const match = matchRule(text);
		if (match) found.push({ route: routeFor(match.preset.delayCost), what: match.preset.label, where });
	};
	byRule(workflow.name, `name "${workflow.name}"`);
	for (const tag of workflow.tags ?? []) byRule(tag, `tag "${tag}"`);
	for (const node of nodes) {
		if (node.type === STICKY) continue;
		const known = workOfNode(node);
		if (known) found.push({ ...known, where: `node "${node.name}"` });
		else byRule(node.name, `node "${node.name}"`);
	}
	if (found.length === 0) {
		for (const node of nodes.filter((each) => each.type === STICKY)) {
			for (const line of String(node.parameters?.content ?? '').split(/\n|(?<=[.!?])\s/)) byRule(line, 'sticky note');
		}
	}
	const watcher = nodes.find((node) => node.type in WATCHERS);
	return {
		realTime: found.filter((evidence) => evidence.route === 'realTime'),
		batch: found.filter((evidence) => evidence.route === 'batch'),
		split: nodes.some((node) => node.type === CLASSIFIER),
		...(watcher ? { watches: { route: 'realTime' as const, what: WATCHERS[watcher.type], where: `node "${watcher.name}"` } } : {}),
	};
}
