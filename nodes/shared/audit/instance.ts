import { send, type ApiRequest, type PublicApi } from '../n8nApi/publicApi';
import { readTrigger, type SavedNode, type TriggerReading } from './triggers';
import { judgeWorkflow, type AuditOptions, type Judgement } from './verdict';
import { VolumeCounter, type ExecutionSummary, type Volume } from './volume';
import { readWork, type WorkReading } from './work';
import { round } from '../values/number';

/** The scopes the API key needs for an audit. */
export const AUDIT_SCOPES = ['workflow:list', 'execution:list'] as const;
/** The public API's largest page. */
export const PAGE_SIZE = 250;

export interface AuditSettings extends AuditOptions {
	windowDays: number;
	activeOnly: boolean;
	/** Workflow names or IDs to leave out, compared without case. */
	skipWorkflows: string[];
	/** Tags whose workflows are left out, compared without case. */
	skipTags: string[];
}

export interface AuditedWorkflow {
	id: string;
	name: string;
	active: boolean;
	archived: boolean;
	tags: string[];
	triggers: TriggerReading[];
	work: WorkReading;
	volume: Volume;
	/** The days the figures are per: the window, or less when n8n holds executions for less or the workflow is newer. */
	daysCovered: number;
	judgement: Judgement;
	/** What the operator should know about the figures. */
	notes: string[];
}

export interface AuditRun {
	workflows: AuditedWorkflow[];
	/** Workflows left out by Skip Workflows or Skip Tags. */
	skipped: number;
	/** Requests made to the public API. */
	requests: number;
	windowFrom: Date;
	windowTo: Date;
	/** When n8n's saved executions start, if later than the window's start (pruned, or a new instance). */
	executionsFrom?: Date;
}

interface ListedWorkflow {
	id?: unknown;
	name?: unknown;
	active?: unknown;
	isArchived?: unknown;
	createdAt?: unknown;
	tags?: unknown;
	nodes?: unknown;
	settings?: unknown;
	/** n8n 2: the published version, which is what an active workflow runs (`nodes` is the draft). */
	activeVersion?: { nodes?: unknown } | null;
}

interface ListedExecution extends ExecutionSummary {
	workflowId?: unknown;
	mode?: unknown;
}

interface Page<T> {
	data: T[];
	nextCursor?: string;
}

const DAY = 86_400_000;
/** Saved executions that start this soon after the window's start cover it: a quiet hour, not pruning. */
const WINDOW_SLACK_MS = 3_600_000;
const UNREACHABLE = "Check the Base URL in the credential: the address of n8n's main instance.";

/**
 * Audits every workflow the API key can see: their definitions a page at a time, then the
 * executions of the window, newest first, a page at a time, each counted and dropped (memory does
 * not grow with the number of executions; requests stay at the API's largest page).
 */
export async function auditInstance(api: PublicApi, settings: AuditSettings, now: Date): Promise<AuditRun> {
	let requests = 0;
	const page = async <T>(request: ApiRequest, doing: string, scope: string): Promise<Page<T>> => {
		requests++;
		const { body } = await send(api, request, { doing, scope, scopes: AUDIT_SCOPES, unreachableHint: UNREACHABLE });
		const data = (body as { data?: unknown })?.data;
		if (!Array.isArray(data)) throw new Error(`n8n answered the request to ${doing} without a list of results.`);
		const next = (body as { nextCursor?: unknown }).nextCursor;
		return { data: data as T[], nextCursor: typeof next === 'string' && next !== '' ? next : undefined };
	};

	const windowFrom = new Date(now.getTime() - settings.windowDays * DAY);
	const skipNames = new Set(settings.skipWorkflows.map(folded));
	const skipTags = new Set(settings.skipTags.map(folded));
	const audited: Array<{ listed: ListedWorkflow; tags: string[]; counter: VolumeCounter }> = [];
	const byId = new Map<string, VolumeCounter>();
	let skipped = 0;

	for (let cursor: string | undefined, first = true; first || cursor !== undefined; first = false) {
		const qs: Record<string, string> = { limit: String(PAGE_SIZE), excludePinnedData: 'true' };
		if (settings.activeOnly) qs.active = 'true';
		if (cursor !== undefined) qs.cursor = cursor;
		const listed = await page<ListedWorkflow>({ method: 'GET', path: '/workflows', qs }, 'list the workflows', 'workflow:list');
		for (const workflow of listed.data) {
			const tags = tagNames(workflow.tags);
			if (
				skipNames.has(folded(String(workflow.name ?? ''))) ||
				skipNames.has(folded(String(workflow.id ?? ''))) ||
				tags.some((tag) => skipTags.has(folded(tag)))
			) {
				skipped++;
				continue;
			}
			const counter = new VolumeCounter();
			audited.push({ listed: workflow, tags, counter });
			byId.set(String(workflow.id), counter);
		}
		cursor = listed.nextCursor;
	}

	let oldestSeen: number | undefined;
	let reachedWindowStart = false;
	for (let cursor: string | undefined, first = true; !reachedWindowStart && (first || cursor !== undefined); first = false) {
		// n8n filters by startedAfter since 2.x; the window check below holds for one that does not.
		const qs: Record<string, string> = { limit: String(PAGE_SIZE), includeData: 'false', startedAfter: windowFrom.toISOString() };
		if (cursor !== undefined) qs.cursor = cursor;
		const listed = await page<ListedExecution>({ method: 'GET', path: '/executions', qs }, 'list the executions', 'execution:list');
		for (const execution of listed.data) {
			const started = Date.parse(String(execution.startedAt ?? ''));
			if (!Number.isNaN(started)) {
				if (started < windowFrom.getTime()) {
					reachedWindowStart = true;
					continue;
				}
				oldestSeen = Math.min(oldestSeen ?? started, started);
			}
			// A run by hand is a test, not the automation's cost.
			if (execution.mode === 'manual') continue;
			byId.get(String(execution.workflowId))?.add(execution);
		}
		cursor = listed.nextCursor;
	}
	let executionsFrom: Date | undefined;
	if (!reachedWindowStart && oldestSeen !== undefined && oldestSeen > windowFrom.getTime() + WINDOW_SLACK_MS) {
		// Nothing older in the window: does n8n hold anything older at all, or does its record start here?
		const qs = { limit: '1', includeData: 'false', startedBefore: windowFrom.toISOString() };
		const older = await page<ListedExecution>({ method: 'GET', path: '/executions', qs }, 'list the executions', 'execution:list');
		if (older.data.length === 0) executionsFrom = new Date(oldestSeen);
	}

	const workflows = audited.map(({ listed, tags, counter }) => {
		const created = Date.parse(String(listed.createdAt ?? '')) || 0;
		const from = Math.max(windowFrom.getTime(), executionsFrom?.getTime() ?? 0, created);
		const daysCovered = Math.max(1, (now.getTime() - from) / DAY);
		const notes: string[] = [];
		if (from > windowFrom.getTime()) {
			const per = `its figures are per day over ${round(daysCovered, 1)} ${daysCovered === 1 ? 'day' : 'days'}`;
			notes.push(
				from === created
					? `It was created on ${new Date(created).toISOString().slice(0, 10)}, within the window: ${per}.`
					: `n8n holds executions from ${new Date(from).toISOString()} only (older ones pruned, or none yet): ${per}.`,
			);
		}
		return auditWorkflow(listed, tags, counter.volume(daysCovered), daysCovered, notes, settings);
	});
	return { workflows, skipped, requests, windowFrom, windowTo: now, executionsFrom };
}

function auditWorkflow(listed: ListedWorkflow, tags: string[], volume: Volume, daysCovered: number, notes: string[], settings: AuditSettings): AuditedWorkflow {
	const name = String(listed.name ?? '');
	const running = listed.active === true && Array.isArray(listed.activeVersion?.nodes) ? listed.activeVersion.nodes : listed.nodes;
	const nodes = (Array.isArray(running) ? running : []).filter(isSavedNode);
	const triggers = nodes.map(readTrigger).filter((reading): reading is TriggerReading => reading !== undefined);
	const work = readWork({ name, tags, nodes });
	const archived = listed.isArchived === true;
	if ((listed.settings as { saveDataSuccessExecution?: unknown } | undefined)?.saveDataSuccessExecution === 'none') {
		notes.push('Its settings do not save successful executions, so only failed ones are counted.');
	}
	return {
		id: String(listed.id ?? ''),
		name,
		active: listed.active === true,
		archived,
		tags,
		triggers,
		work,
		volume,
		daysCovered,
		judgement: judgeWorkflow({ triggers, work, volume, archived }, settings),
		notes,
	};
}

const folded = (text: string) => text.trim().toLowerCase();

function tagNames(tags: unknown): string[] {
	if (!Array.isArray(tags)) return [];
	return tags.map((tag) => (typeof tag === 'string' ? tag : String((tag as { name?: unknown })?.name ?? ''))).filter((tag) => tag !== '');
}

function isSavedNode(node: unknown): node is SavedNode {
	return typeof node === 'object' && node !== null && typeof (node as SavedNode).type === 'string' && typeof (node as SavedNode).name === 'string';
}
