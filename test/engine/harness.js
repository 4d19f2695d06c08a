/**
 * Runs workflow JSON through n8n's real execution engine (n8n-core's WorkflowExecute over
 * n8n-workflow's Workflow), with this package's node types loaded from dist/ (as n8n loads an
 * installed community package) and n8n-nodes-base's node types loaded from its dist.
 *
 * Plain JavaScript on purpose: the benchmark script uses it too, and n8n's strict lint config
 * applies the community-node rules (no fs, no process) to every TypeScript file in the package.
 */
'use strict';

// n8n logs every node error it reports; tests assert on the errors instead. Set before n8n loads.
process.env.N8N_LOG_LEVEL ??= 'silent';

const path = require('node:path');
const { Workflow, NodeHelpers } = require('n8n-workflow');
const { WorkflowExecute, ExecutionLifecycleHooks } = require('n8n-core');
const { TestCredentialsHelper } = require('./credentials');

const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE_JSON = require(path.join(PACKAGE_ROOT, 'package.json'));
const PACKAGE_NAME = PACKAGE_JSON.name;
const BASE_PACKAGE = 'n8n-nodes-base';

/** type name ("n8n-nodes-base.noOp") -> node type instance, loaded on first use */
const loadedTypes = new Map();
let baseNodeFiles;

function loadOwnNodeType(name) {
	for (const file of PACKAGE_JSON.n8n.nodes) {
		const exported = require(path.join(PACKAGE_ROOT, file));
		for (const NodeClass of Object.values(exported)) {
			const instance = new NodeClass();
			const description = instance.description ?? instance.nodeVersions?.[instance.currentVersion]?.description;
			if (description?.name === name) return instance;
		}
	}
	return undefined;
}

function loadBaseNodeType(name) {
	if (!baseNodeFiles) {
		const basePackage = require(`${BASE_PACKAGE}/package.json`);
		baseNodeFiles = basePackage.n8n.nodes;
	}
	// Files are named after the class ("dist/nodes/NoOp/NoOp.node.js" holds type "noOp").
	const wanted = name.toLowerCase();
	const candidates = baseNodeFiles.filter((file) => path.basename(file, '.node.js').toLowerCase() === wanted);
	for (const file of candidates.length > 0 ? candidates : baseNodeFiles) {
		const exported = require(`${BASE_PACKAGE}/${file}`);
		for (const NodeClass of Object.values(exported)) {
			if (typeof NodeClass !== 'function') continue;
			const instance = new NodeClass();
			const description = instance.description;
			if (description?.name === name) return instance;
		}
	}
	return undefined;
}

/** Makes a node type that only tests use (a probe) available to workflows run here. */
function registerNodeType(type, instance) {
	loadedTypes.set(type, instance);
}

function getNodeType(type) {
	if (loadedTypes.has(type)) return loadedTypes.get(type);
	const [packageName, name] = type.split('.');
	let instance;
	if (packageName === PACKAGE_NAME) instance = loadOwnNodeType(name);
	else if (packageName === BASE_PACKAGE) instance = loadBaseNodeType(name);
	if (!instance) throw new Error(`Unknown node type "${type}" (is the package built? run npm run build)`);
	loadedTypes.set(type, instance);
	return instance;
}

const nodeTypes = {
	getByName: (type) => getNodeType(type),
	getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(getNodeType(type), version),
	getKnownTypes: () => ({}),
};

function additionalDataFor(executionId, mode, credentials) {
	const base = 'http://127.0.0.1:5678';
	return {
		credentialsHelper: new TestCredentialsHelper(credentials ?? {}),
		hooks: new ExecutionLifecycleHooks(mode, executionId, { id: 'test-workflow' }),
		executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: base,
		formWaitingBaseUrl: `${base}/form-waiting`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		variables: {},
		userId: 'test-user',
	};
}

/**
 * Freezes Date.now() and `new Date()` at `epochMs` while `run` executes, so a workflow can be run
 * "at" any moment. Timers stay real: the engine needs them.
 */
async function atTime(epochMs, run) {
	if (epochMs === undefined) return await run();
	const RealDate = globalThis.Date;
	class FrozenDate extends RealDate {
		constructor(...args) {
			if (args.length === 0) super(epochMs);
			else super(...args);
		}
		static now() {
			return epochMs;
		}
	}
	globalThis.Date = FrozenDate;
	try {
		return await run();
	} finally {
		globalThis.Date = RealDate;
	}
}

function toEpoch(time) {
	if (time === undefined) return undefined;
	const epoch = typeof time === 'number' ? time : Date.parse(time);
	if (Number.isNaN(epoch)) throw new Error(`Not a time: ${time}`);
	return epoch;
}

let executionCounter = 0;

/**
 * Runs a workflow once.
 * @param {object} options
 * @param {{nodes: object[], connections: object, settings?: object}} options.workflow workflow JSON as n8n exports it
 * @param {Record<string, object[]>} [options.pinData] items per node name, e.g. the trigger's input
 * @param {string} [options.startNode] defaults to the workflow's trigger
 * @param {string|number} [options.at] the moment the run happens (ISO string or epoch ms)
 * @param {object} [options.staticData] workflow static data saved by an earlier run
 * @param {Record<string, object>} [options.credentials] credential data by credential type name
 * @param {string} [options.mode] execution mode: 'trigger' by default; after a 'manual' run, as in n8n,
 *   no static data is saved
 */
async function runWorkflow({ workflow, pinData, startNode, at, staticData, credentials, mode = 'trigger' }) {
	const executionId = String(++executionCounter);
	const instance = new Workflow({
		id: 'test-workflow',
		name: workflow.name ?? 'test workflow',
		nodes: workflow.nodes,
		connections: workflow.connections,
		active: false,
		nodeTypes,
		staticData: staticData ? JSON.parse(JSON.stringify(staticData)) : {},
		settings: { executionOrder: 'v1', ...(workflow.settings ?? {}) },
	});
	const normalizedPinData = pinData ? normalizePinData(pinData) : undefined;
	const started = performance.now();
	const run = await atTime(toEpoch(at), async () => {
		const execute = new WorkflowExecute(additionalDataFor(executionId, mode, credentials), mode);
		return await execute.run({
			workflow: instance,
			startNode: startNode ? instance.getNode(startNode) : undefined,
			pinData: normalizedPinData,
		});
	});
	const wallMs = performance.now() - started;
	// n8n saves workflow static data after production executions only, never after a manual one.
	const savedStaticData = mode === 'manual' ? (staticData ?? {}) : instance.staticData;
	return new RunResult(run, savedStaticData, wallMs);
}

function normalizePinData(pinData) {
	const result = {};
	for (const [nodeName, items] of Object.entries(pinData)) {
		result[nodeName] = items.map((item) => (item && typeof item.json === 'object' ? item : { json: item }));
	}
	return result;
}

class RunResult {
	constructor(run, staticData, wallMs) {
		this.run = run;
		this.wallMs = wallMs;
		/** The static data n8n would save after this run (a plain copy, as its database stores it). */
		this.staticData = JSON.parse(JSON.stringify(staticData));
	}

	get error() {
		return this.run.data.resultData.error;
	}

	/** The node's run data (first run unless runIndex says otherwise); throws if it did not run. */
	taskOf(nodeName, runIndex = 0) {
		const task = this.run.data.resultData.runData[nodeName]?.[runIndex];
		if (!task) throw new Error(`Node "${nodeName}" did not run${this.error ? `: ${this.error.message}` : ''}`);
		return task;
	}

	/** Items of every main output of a node: [[output 0 items], [output 1 items], ...]. */
	outputsOf(nodeName, runIndex = 0) {
		const task = this.taskOf(nodeName, runIndex);
		return (task.data?.main ?? []).map((items) => items ?? []);
	}

	/** JSON of each output's items, the shape fixtures use for expected results. */
	jsonOutputsOf(nodeName, runIndex = 0) {
		return this.outputsOf(nodeName, runIndex).map((items) => items.map((item) => item.json));
	}

	/** The engine's own measure of the node's execution, in milliseconds. */
	executionTimeOf(nodeName, runIndex = 0) {
		return this.taskOf(nodeName, runIndex).executionTime;
	}

	ran(nodeName) {
		return Boolean(this.run.data.resultData.runData[nodeName]);
	}
}

/**
 * Runs the same workflow again and again, as a schedule would: static data saved by one run is
 * what the next run starts with, and each run happens at the moment it is given.
 */
function createSession(workflow, { staticData = {}, mode = 'trigger' } = {}) {
	let saved = staticData;
	return {
		get staticData() {
			return saved;
		},
		async run({ pinData, at, startNode, mode: runMode = mode } = {}) {
			const result = await runWorkflow({ workflow, pinData, at, startNode, staticData: saved, mode: runMode });
			saved = result.staticData;
			return result;
		},
	};
}

/**
 * The workflow most node tests need: a manual trigger (whose output the test pins) feeding one node
 * of this package. `settings` are node-level settings such as onError or credentials.
 */
function triggerThenNode({ type, name, parameters = {}, settings = {}, trigger = 'Input', extraNodes = [], extraConnections = {}, typeVersion = 1 }) {
	return {
		nodes: [
			{ id: 'trigger', name: trigger, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'node', name, type: `${PACKAGE_NAME}.${type}`, typeVersion, position: [220, 0], parameters, ...settings },
			...extraNodes,
		],
		connections: { [trigger]: { main: [[{ node: name, type: 'main', index: 0 }]] }, ...extraConnections },
	};
}

/** The alert memory an alerting node saved in workflow static data (by node id), parsed. */
function savedMemory(staticData, nodeId = 'node') {
	const text = staticData?.global?.alertMemory?.[nodeId];
	return text === undefined ? undefined : JSON.parse(text);
}

module.exports = { runWorkflow, createSession, registerNodeType, nodeTypes, triggerThenNode, savedMemory, PACKAGE_NAME };
