/**
 * The Automation Audit over a whole instance (audit/instance.ts) and what it returns
 * (audit/report.ts): pages of workflows and executions as n8n's public API serves them, the window,
 * skips, the notes on the figures, the refusals. The API here is an in-memory instance that pages
 * as n8n does (newest execution first, a cursor per page); the real one runs in
 * test/e2e/automationAudit.test.js.
 */
import { auditInstance, AUDIT_SCOPES, PAGE_SIZE, type AuditSettings } from '../../nodes/shared/audit/instance';
import { MESSAGE_FINDINGS, sortedForReport, summaryReport, workflowReport } from '../../nodes/shared/audit/report';
import { PublicApiError, type ApiRequest, type PublicApi } from '../../nodes/shared/n8nApi/publicApi';

const DAY = 86_400_000;
const NOW = new Date('2026-12-04T08:00:00.000Z');
const SETTINGS: AuditSettings = {
	windowDays: 7,
	activeOnly: true,
	skipWorkflows: [],
	skipTags: [],
	realTimeWithinMs: 5 * 60_000,
	minExecutions: 50,
	batchHour: 2,
};

interface Workflow {
	id: string;
	name: string;
	active?: boolean;
	isArchived?: boolean;
	createdAt?: string;
	tags?: Array<{ id: string; name: string }>;
	nodes?: unknown;
	settings?: Record<string, unknown>;
}
interface Execution {
	id: number;
	workflowId: string;
	mode: string;
	status: string;
	startedAt: string | null;
	stoppedAt: string | null;
}

const webhookNodes = (...more: Array<{ name: string; type: string }>) => [
	{ name: 'Webhook', type: 'n8n-nodes-base.webhook', parameters: {} },
	...more.map((node) => ({ ...node, parameters: {} })),
];
const hourly = [{ name: 'Every hour', type: 'n8n-nodes-base.scheduleTrigger', parameters: { rule: { interval: [{ field: 'hours' }] } } }];

/** An instance answering as n8n's public API does (`filtersByTime: false`: as one before startedAfter existed). */
function instance(
	workflows: Workflow[],
	executions: Execution[],
	answer?: (request: ApiRequest) => { status: number; body: unknown } | undefined,
	{ filtersByTime = true } = {},
) {
	const requests: ApiRequest[] = [];
	const startedMs = (execution: Execution) => Date.parse(String(execution.startedAt));
	const sorted = [...executions].sort((a, b) => b.id - a.id);
	const api: PublicApi = async (request) => {
		requests.push(request);
		const special = answer?.(request);
		if (special) return special;
		const limit = Number(request.qs?.limit ?? 100);
		const offset = Number(request.qs?.cursor ?? 0);
		// As SQL compares: an execution not started yet (startedAt null) passes no time filter.
		const after = filtersByTime && request.qs?.startedAfter ? Date.parse(request.qs.startedAfter) : undefined;
		const before = filtersByTime && request.qs?.startedBefore ? Date.parse(request.qs.startedBefore) : undefined;
		const inRange = (execution: Execution) => (after === undefined || startedMs(execution) > after) && (before === undefined || startedMs(execution) < before);
		const all =
			request.path === '/workflows' ? workflows.filter((workflow) => request.qs?.active !== 'true' || workflow.active === true) : sorted.filter(inRange);
		const data = all.slice(offset, offset + limit);
		return { status: 200, body: { data, nextCursor: offset + limit < all.length ? String(offset + limit) : null } };
	};
	return { api, requests };
}

let nextId = 1;
const ran = (workflowId: string, daysAgo: number, { mode = 'webhook', status = 'success', ms = 120 } = {}): Execution => {
	const started = NOW.getTime() - daysAgo * DAY;
	return {
		id: nextId++,
		workflowId,
		mode,
		status,
		startedAt: new Date(started).toISOString(),
		stoppedAt: new Date(started + ms).toISOString(),
	};
};
/** `count` executions spread evenly over the `days` before now, oldest first (ids grow with time). */
const spread = (workflowId: string, count: number, days: number, options = {}) =>
	Array.from({ length: count }, (_, index) => ran(workflowId, days - ((index + 0.5) * days) / count, options));

const report = (workflows: Workflow[], executions: Execution[], settings: Partial<AuditSettings> = {}, filtersByTime = true) => {
	const { api, requests } = instance(workflows, executions, undefined, { filtersByTime });
	return auditInstance(api, { ...SETTINGS, ...settings }, NOW).then((run) => ({ run, requests }));
};
const byName = (run: Awaited<ReturnType<typeof auditInstance>>, name: string) => {
	const found = run.workflows.find((workflow) => workflow.name === name);
	if (!found) throw new Error(`no workflow "${name}"`);
	return found;
};

describe('pages', () => {
	it('asks for pages of the largest size, without execution data or pinned data, until the last cursor', async () => {
		const workflows = Array.from({ length: 2 * PAGE_SIZE + 1 }, (_, index) => ({
			id: `w${index}`,
			name: `Workflow ${index}`,
			active: true,
			nodes: webhookNodes(),
		}));
		const executions = [ran('w0', 8), ...Array.from({ length: 3 * PAGE_SIZE }, (_, index) => ran(`w${index % 10}`, 1 - index / 1000))];
		const { run, requests } = await report(workflows, executions);
		expect(run.workflows).toHaveLength(2 * PAGE_SIZE + 1);
		expect(requests.map((request) => `${request.method} ${request.path} ${request.qs?.cursor ?? '-'}`)).toEqual([
			'GET /workflows -',
			'GET /workflows 250',
			'GET /workflows 500',
			'GET /executions -',
			'GET /executions 250',
			'GET /executions 500',
			// The oldest in the window is a day old: one execution asked for from before the window says n8n holds that far.
			'GET /executions -',
		]);
		expect(run.requests).toBe(7);
		for (const request of requests.slice(0, 6)) expect(request.qs?.limit).toBe(String(PAGE_SIZE));
		expect(requests[0].qs).toMatchObject({ excludePinnedData: 'true', active: 'true' });
		expect(requests[3].qs).toMatchObject({ includeData: 'false', startedAfter: '2026-11-27T08:00:00.000Z' });
		expect(requests[6].qs).toEqual({ limit: '1', includeData: 'false', startedBefore: '2026-11-27T08:00:00.000Z' });
		expect(run.executionsFrom).toBeUndefined();
		expect(run.workflows[0].notes).toEqual([]);
		expect(requests[3].qs?.workflowId).toBeUndefined();
		expect(byName(run, 'Workflow 3').volume.executions).toBe(75);
	});

	it('All workflows: no active filter, and archived ones come back as not judged', async () => {
		const workflows = [
			{ id: 'a', name: 'Archived report', active: false, isArchived: true, nodes: hourly },
			{ id: 'b', name: 'Paused lead intake', active: false, nodes: webhookNodes() },
		];
		const { run, requests } = await report(workflows, [], { activeOnly: false });
		expect(requests[0].qs?.active).toBeUndefined();
		expect(byName(run, 'Archived report')).toMatchObject({ archived: true, active: false, judgement: { verdict: 'notJudged', reason: 'It is archived.' } });
		expect(byName(run, 'Paused lead intake').active).toBe(false);
		expect((await report(workflows, [])).run.workflows).toEqual([]);
	});

	it('from an n8n that does not filter by time: stops at the first page that reaches back past the window, and counts none from before it', async () => {
		const executions = [...spread('w', 600, 10)];
		const { run, requests } = await report([{ id: 'w', name: 'Orders webhook', active: true, nodes: webhookNodes() }], executions, {}, false);
		// 600 over 10 days, newest first: the 7-day window holds 420, so the second page (to 500) reaches past it.
		expect(requests.filter((request) => request.path === '/executions')).toHaveLength(2);
		expect(run.workflows[0].volume.executions).toBe(420);
		expect(run.executionsFrom).toBeUndefined();
		expect(run.workflows[0].notes).toEqual([]);
		expect(run.workflows[0].daysCovered).toBe(7);
	});

	it('an execution started exactly at the window start counts; a millisecond before, it does not', async () => {
		const at = (ms: number): Execution => ({ ...ran('w', 0), startedAt: new Date(ms).toISOString() });
		const start = NOW.getTime() - 7 * DAY;
		const { run } = await report(
			[{ id: 'w', name: 'Orders webhook', active: true, nodes: webhookNodes() }],
			[at(start - 1), at(start), at(start + 1)],
			{},
			false,
		);
		expect(run.workflows[0].volume.executions).toBe(2);
	});

	it('from an n8n that does not filter by time, reaching past the window start means it is covered: no probe, no note', async () => {
		const { run, requests } = await report([{ id: 'w', name: 'Orders webhook', active: true, nodes: webhookNodes() }], [ran('w', 8), ran('w', 1)], {}, false);
		expect(requests.filter((request) => request.path === '/executions')).toHaveLength(1);
		expect(run.executionsFrom).toBeUndefined();
		expect(run.workflows[0]).toMatchObject({ daysCovered: 7, notes: [], volume: { executions: 1 } });
	});

	it('a queued execution (not started yet) listed by an n8n that does not filter by time counts, untimed, and says nothing of where the record starts', async () => {
		const queued = { ...ran('w', 0), startedAt: null, stoppedAt: null };
		const { run } = await report(
			[{ id: 'w', name: 'Orders webhook', active: true, nodes: webhookNodes() }],
			[ran('w', 8), ran('w', 0.5, { ms: 300 }), queued],
			{},
			false,
		);
		expect(run.workflows[0].volume).toMatchObject({ executions: 2, meanMs: 300 });
		expect(run.executionsFrom).toBeUndefined();
	});

	it('the first page is asked without a cursor; an empty cursor ends the list', async () => {
		const requests: ApiRequest[] = [];
		const api: PublicApi = async (request) => {
			requests.push(request);
			return { status: 200, body: { data: request.path === '/workflows' ? [{ id: 'w', name: 'W', nodes: webhookNodes() }] : [], nextCursor: '' } };
		};
		const run = await auditInstance(api, { ...SETTINGS, activeOnly: false }, NOW);
		expect(run.workflows).toHaveLength(1);
		expect(requests.map((request) => request.path)).toEqual(['/workflows', '/executions']);
		for (const request of requests) expect('cursor' in (request.qs ?? {})).toBe(false);
		expect('active' in (requests[0].qs ?? {})).toBe(false);
		const nullBody = await auditInstance(async () => ({ status: 200, body: null }), SETTINGS, NOW).then(
			() => undefined,
			(error: unknown) => (error as Error).message,
		);
		expect(nullBody).toBe('n8n answered the request to list the workflows without a list of results.');
	});

	it('runs by hand are tests, not cost; executions of other or skipped workflows count for nobody', async () => {
		const executions = [ran('w', 1, { mode: 'manual' }), ran('w', 1, { mode: 'trigger' }), ran('w', 1, { mode: 'retry', status: 'error' }), ran('gone', 1)];
		const { run } = await report([{ id: 'w', name: 'Orders webhook', active: true, nodes: webhookNodes() }], executions);
		expect(run.workflows[0].volume).toMatchObject({ executions: 2, errorRate: 0.5 });
	});
});

describe('the figures and their notes', () => {
	it('n8n holds less than the window: per day over what it holds (a day at least), said per workflow and in the summary', async () => {
		const executions = spread('w', 300, 3);
		const { run } = await report([{ id: 'w', name: 'Orders webhook', active: true, nodes: webhookNodes() }], executions);
		const oldest = executions[0].startedAt as string;
		expect(run.executionsFrom?.toISOString()).toBe(oldest);
		const [workflow] = run.workflows;
		expect(workflow.daysCovered).toBeCloseTo(3 - 0.5 * (3 / 300), 6);
		expect(workflow.volume.perDay).toBeCloseTo(300 / workflow.daysCovered, 6);
		expect(workflow.notes).toEqual([`n8n holds executions from ${oldest} only (older ones pruned, or none yet): its figures are per day over 3 days.`]);
		expect(summaryReport(run, 'http://n8n', 7).message).toContain(`n8n holds executions from ${oldest} only: figures are per day since then.`);

		const young = await report([{ id: 'w', name: 'Orders webhook', active: true, nodes: webhookNodes() }], [ran('w', 0.01)]);
		expect(young.run.workflows[0].daysCovered).toBe(1);
		expect(young.run.workflows[0].volume.perDay).toBe(1);
		expect(young.run.workflows[0].notes[0]).toMatch(/: its figures are per day over 1 day\.$/);
	});

	it('saved executions that start within an hour of the window start cover the window; later, they do not', async () => {
		const oldestAt = async (msAfterStart: number) => {
			const started = NOW.getTime() - 7 * DAY + msAfterStart;
			const oldest = { ...ran('w', 0), id: 0, startedAt: new Date(started).toISOString(), stoppedAt: new Date(started + 5).toISOString() };
			return (await report([{ id: 'w', name: 'Orders webhook', active: true, nodes: webhookNodes() }], [oldest, ran('w', 1)])).run;
		};
		const covered = await oldestAt(3_600_000);
		expect(covered.executionsFrom).toBeUndefined();
		expect(covered.workflows[0].daysCovered).toBe(7);
		const partial = await oldestAt(3_600_001);
		expect(partial.executionsFrom?.getTime()).toBe(NOW.getTime() - 7 * DAY + 3_600_001);
		expect(partial.workflows[0].daysCovered).toBeLessThan(7);
	});

	it('a workflow created within the window: per day since it was created', async () => {
		const createdAt = new Date(NOW.getTime() - 2 * DAY).toISOString();
		const { run } = await report(
			[
				{ id: 'w', name: 'New orders webhook', active: true, createdAt, nodes: webhookNodes() },
				{ id: 'x', name: 'Old one', active: true, createdAt: '2025-01-01T00:00:00.000Z', nodes: webhookNodes() },
			],
			[...spread('w', 100, 2), ran('x', 8)],
		);
		expect(byName(run, 'New orders webhook')).toMatchObject({
			daysCovered: 2,
			notes: ['It was created on 2026-12-02, within the window: its figures are per day over 2 days.'],
		});
		expect(byName(run, 'New orders webhook').volume.perDay).toBe(50);
		expect(byName(run, 'Old one')).toMatchObject({ daysCovered: 7, notes: [] });
	});

	it('a workflow that does not save successful executions says its count holds only failures', async () => {
		const { run } = await report(
			[{ id: 'w', name: 'Orders webhook', active: true, nodes: webhookNodes(), settings: { saveDataSuccessExecution: 'none' } }],
			[],
		);
		expect(run.workflows[0].notes).toEqual(['Its settings do not save successful executions, so only failed ones are counted.']);
		const saved = await report([{ id: 'w', name: 'Orders webhook', active: true, nodes: webhookNodes(), settings: { saveDataSuccessExecution: 'all' } }], []);
		expect(saved.run.workflows[0].notes).toEqual([]);
	});
});

describe('skips and odd definitions', () => {
	it('skips by name or ID and by tag, any case and spacing, and counts what it skipped', async () => {
		const workflows = [
			{ id: 'AbC123', name: 'Keep me', active: true, nodes: webhookNodes() },
			{ id: 'x1', name: 'Weekly automation audit', active: true, nodes: hourly },
			{ id: 'x2', name: 'By id', active: true, nodes: hourly },
			{ id: 'x3', name: 'Tagged', active: true, tags: [{ id: 't', name: 'Experimental' }], nodes: hourly },
			{ id: 'x4', name: 'Tagged otherwise', active: true, tags: [{ id: 't2', name: 'experiments' }], nodes: hourly },
		];
		const { run } = await report(workflows, [], { skipWorkflows: ['weekly AUTOMATION audit', 'X2'], skipTags: [' experimental '] });
		expect(run.workflows.map((workflow) => workflow.name).sort()).toEqual(['Keep me', 'Tagged otherwise']);
		expect(run.skipped).toBe(3);
		expect(byName(run, 'Tagged otherwise').tags).toEqual(['experiments']);
		expect(summaryReport(run, 'http://n8n', 7).message.split('\n')[0]).toBe('Automation audit of http://n8n, last 7 days: 2 workflows (3 skipped).');
	});

	it('an active workflow is read from its published version (what runs); an inactive one from its draft', async () => {
		const published = { nodes: hourly };
		const { run } = await report(
			[
				{ id: 'a', name: 'Lead follow-up', active: true, nodes: webhookNodes(), activeVersion: published } as Workflow,
				{ id: 'b', name: 'Lead follow-up draft', active: false, nodes: webhookNodes(), activeVersion: published } as Workflow,
				{ id: 'c', name: 'Lead follow-up old n8n', active: true, nodes: webhookNodes(), activeVersion: null } as Workflow,
			],
			[],
			{ activeOnly: false },
		);
		expect(byName(run, 'Lead follow-up').triggers.map((trigger) => trigger.kind)).toEqual(['schedule']);
		expect(byName(run, 'Lead follow-up draft').triggers.map((trigger) => trigger.kind)).toEqual(['event']);
		expect(byName(run, 'Lead follow-up old n8n').triggers.map((trigger) => trigger.kind)).toEqual(['event']);
	});

	it('tags as n8n lists them (objects) or as names; nodes need a name and a type, both text', async () => {
		const { run } = await report(
			[
				{
					id: 't',
					name: 'Tags',
					active: true,
					tags: [{ id: '1', name: 'report' }, 'sync', { id: '2' }, null] as unknown as Workflow['tags'],
					nodes: webhookNodes(),
				},
				{ id: 'n', name: 'Names', active: true, nodes: [{ name: 7, type: 'n8n-nodes-base.webhook' }, { name: 'Webhook', type: 42 }, 'x'] },
			],
			[],
		);
		expect(byName(run, 'Tags').tags).toEqual(['report', 'sync']);
		expect(byName(run, 'Names').triggers).toEqual([]);
	});

	it('nodes that are not a list, nodes without a type, and no name never stop the audit', async () => {
		const { run } = await report(
			[
				{ id: 'a', name: 'Broken', active: true, nodes: 'not a list' },
				{ id: 'b', name: 'Half', active: true, nodes: [null, { name: 'No type' }, { type: 'n8n-nodes-base.webhook', name: 'Webhook' }] },
				{ id: 'c', active: true, nodes: webhookNodes() } as unknown as Workflow,
			],
			[],
		);
		expect(byName(run, 'Broken').judgement.reason).toBe('It has no trigger, so it never starts by itself.');
		expect(byName(run, 'Half').triggers.map((trigger) => trigger.node)).toEqual(['Webhook']);
		expect(byName(run, '').id).toBe('c');
	});
});

describe('refusals', () => {
	const refused = async (answer: (request: ApiRequest) => { status: number; body: unknown } | undefined) => {
		const { api } = instance([{ id: 'w', name: 'W', active: true, nodes: webhookNodes() }], [], answer);
		return auditInstance(api, SETTINGS, NOW).then(
			() => undefined,
			(error: unknown) => error,
		);
	};

	it('a key without execution:list: names the scope and every scope the audit needs', async () => {
		const error = await refused((request) => (request.path === '/executions' ? { status: 403, body: { message: 'Forbidden' } } : undefined));
		expect(error).toBeInstanceOf(PublicApiError);
		expect(error).toMatchObject({
			message: 'The API key lacks the scope "execution:list", needed to list the executions (403).',
			hint: `Give the key these scopes: ${AUDIT_SCOPES.join(', ')}.`,
			status: 403,
		});
		expect(AUDIT_SCOPES).toEqual(['workflow:list', 'execution:list']);
	});

	it('a key without workflow:list, a refused key, and n8n out of reach', async () => {
		expect(await refused(() => ({ status: 403, body: {} }))).toMatchObject({
			message: 'The API key lacks the scope "workflow:list", needed to list the workflows (403).',
		});
		expect(await refused(() => ({ status: 401, body: { message: 'unauthorized' } }))).toMatchObject({
			message: 'n8n refused the API key (401) when asked to list the workflows.',
		});
		const { api } = instance([], []);
		const unreachable = await auditInstance(
			async (request) => {
				await api(request);
				throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
			},
			SETTINGS,
			NOW,
		).then(
			() => undefined,
			(error: unknown) => error,
		);
		expect(unreachable).toBeInstanceOf(PublicApiError);
		expect((unreachable as PublicApiError).message).toMatch(/^n8n could not be reached to list the workflows: /);
		expect((unreachable as PublicApiError).hint).toBe("Check the Base URL in the credential: the address of n8n's main instance.");
	});

	it('an answer without a list of results is an error, not an empty instance', async () => {
		const error = await refused((request) => (request.path === '/workflows' ? { status: 200, body: '<html>proxy</html>' } : undefined));
		expect((error as Error).message).toBe('n8n answered the request to list the workflows without a list of results.');
	});
});

describe('the report', () => {
	const workflows: Workflow[] = [
		{ id: 'f', name: 'Lead follow-up', active: true, nodes: hourly },
		{ id: 'r1', name: 'Orders to sheet report', active: true, nodes: webhookNodes() },
		{ id: 'r2', name: 'Another report', active: true, nodes: webhookNodes() },
		{
			id: 'm',
			name: 'Mixed',
			active: true,
			nodes: webhookNodes({ name: 'Reply', type: 'n8n-nodes-base.respondToWebhook' }, { name: 'Build file', type: 'n8n-nodes-base.convertToFile' }),
		},
		{ id: 'n', name: 'Untitled', active: true, nodes: webhookNodes() },
		{
			id: 'ok',
			name: 'Weekly report',
			active: true,
			nodes: [{ name: 'Mondays', type: 'n8n-nodes-base.scheduleTrigger', parameters: { rule: { interval: [{ field: 'weeks' }] } } }],
		},
	];
	const executions = [...spread('r1', 700, 7), ...spread('r2', 140, 7), ...spread('f', 168, 7)];

	it('findings first, the costliest kind first, more savings first; fine last; then by name and ID', async () => {
		const { run } = await report([...workflows].reverse(), executions);
		expect(sortedForReport(run.workflows).map((workflow) => workflow.name)).toEqual([
			'Lead follow-up',
			'Orders to sheet report',
			'Another report',
			'Mixed',
			'Untitled',
			'Weekly report',
		]);
		const same = await report(
			[
				{ id: 'b2', name: 'B', active: true, nodes: hourly },
				{ id: 'b1', name: 'B', active: true, nodes: hourly },
				{ id: 'a9', name: 'A', active: true, nodes: hourly },
			],
			[],
		);
		expect(sortedForReport(same.run.workflows).map((workflow) => workflow.id)).toEqual(['a9', 'b1', 'b2']);
		// The list given is left as it was.
		expect(same.run.workflows.map((workflow) => workflow.id)).toEqual(['b2', 'b1', 'a9']);
	});

	it('one item per workflow carries the verdict, reason and figures', async () => {
		const { run } = await report(workflows, executions);
		expect(workflowReport(byName(run, 'Orders to sheet report'), 'http://n8n:5678')).toEqual({
			workflow: 'Orders to sheet report',
			workflowId: 'r1',
			url: 'http://n8n:5678/workflow/r1',
			verdict: 'realTimeCouldBatch',
			verdictText: 'real-time, could batch',
			reason: expect.stringMatching(
				/^Its work can wait \(.*\), yet it runs on every event: about 3,000 executions a month\. One run a day at 02:00 would save about 2,970\.$/,
			),
			active: true,
			archived: false,
			tags: [],
			startsWith: [{ node: 'Webhook', type: 'n8n-nodes-base.webhook', kind: 'event' }],
			worstDelayMinutes: 0,
			workThatCannotWait: [],
			workThatCanWait: [expect.stringContaining('name "Orders to sheet report"')],
			hasLatencyClassifier: false,
			executions: 700,
			executionsPerDay: 100,
			meanDurationMs: 120,
			p95DurationMs: expect.any(Number),
			errorRate: 0,
			executionsSavedPerMonth: 2970,
			daysCovered: 7,
			notes: [],
		});
		expect(workflowReport(byName(run, 'Lead follow-up'), 'http://n8n')).toMatchObject({
			verdict: 'batchedCannotWait',
			startsWith: [{ node: 'Every hour', kind: 'schedule', every: 'every hour', worstDelay: '1 hour' }],
			worstDelayMinutes: 60,
			executionsSavedPerMonth: 0,
		});
		expect(workflowReport(byName(run, 'Untitled'), 'http://n8n')).toMatchObject({ meanDurationMs: null, p95DurationMs: null, executions: 0 });
		const unreadable = await report(
			[
				{
					id: 'x',
					name: 'Expression schedule',
					active: true,
					nodes: [{ name: 'When', type: 'n8n-nodes-base.scheduleTrigger', parameters: { rule: { interval: [{ field: '={{ 1 }}' }] } } }],
				},
			],
			[],
		);
		expect(workflowReport(unreadable.run.workflows[0], 'http://n8n')).toMatchObject({
			startsWith: [{ node: 'When', type: 'n8n-nodes-base.scheduleTrigger', kind: 'schedule', problem: 'its rule is set by an expression' }],
			worstDelayMinutes: null,
		});
		expect(Object.keys(workflowReport(unreadable.run.workflows[0], 'http://n8n').startsWith[0])).toEqual(['node', 'type', 'kind', 'problem']);
		expect(Object.keys(workflowReport(byName(run, 'Untitled'), 'http://n8n').startsWith[0])).toEqual(['node', 'type', 'kind']);
	});

	it('the summary counts each verdict, adds up the savings and lists the findings with their links', async () => {
		const { run } = await report(workflows, executions);
		const summary = summaryReport(run, 'http://n8n:5678', 7);
		expect(summary).toMatchObject({
			summary: true,
			workflowsAudited: 6,
			workflowsSkipped: 0,
			counts: { batchedCannotWait: 1, realTimeCouldBatch: 2, mixed: 1, notJudged: 1, fine: 1 },
			executionsSavedPerMonth: 2970 + 570,
			findings: 4,
			windowFrom: '2026-11-27T08:00:00.000Z',
			windowTo: '2026-12-04T08:00:00.000Z',
		});
		const lines = summary.message.split('\n');
		expect(lines.slice(0, 3)).toEqual([
			'Automation audit of http://n8n:5678, last 7 days: 6 workflows.',
			'1 batched, cannot wait · 2 real-time, could batch · 1 mixed: split with the Latency Classifier · 1 not judged · 1 fine',
			'Batching what can wait would save about 3,540 executions a month.',
		]);
		expect(lines[3]).toMatch(/^• batched, cannot wait: "Lead follow-up" \(http:\/\/n8n:5678\/workflow\/f\): Its work cannot wait/);
		expect(lines).toHaveLength(7);
	});

	it(`lists ${MESSAGE_FINDINGS} findings and counts the rest; with none, says there is nothing to change`, async () => {
		const many = (count: number) =>
			Array.from({ length: count }, (_, index) => ({ id: `f${index}`, name: `Lead follow-up ${index}`, active: true, nodes: hourly }));
		const exactly = summaryReport((await report(many(MESSAGE_FINDINGS), [])).run, 'http://n8n', 1).message.split('\n');
		expect(exactly.filter((line) => line.startsWith('• '))).toHaveLength(MESSAGE_FINDINGS);
		expect(exactly[exactly.length - 1]).toMatch(/^• /);
		const over = summaryReport((await report(many(MESSAGE_FINDINGS + 1), [])).run, 'http://n8n', 1).message.split('\n');
		expect(over.filter((line) => line.startsWith('• '))).toHaveLength(MESSAGE_FINDINGS);
		expect(over[over.length - 1]).toBe("…and 1 more: every workflow is an item of the audit's output.");
		expect(over[0]).toBe(`Automation audit of http://n8n, last 1 day: ${MESSAGE_FINDINGS + 1} workflows.`);

		const calm = summaryReport((await report([workflows[5]], [])).run, 'http://n8n', 7);
		expect(calm.message.split('\n')).toEqual([
			'Automation audit of http://n8n, last 7 days: 1 workflow.',
			'0 batched, cannot wait · 0 real-time, could batch · 0 mixed: split with the Latency Classifier · 0 not judged · 1 fine',
			'Nothing to change.',
		]);
		expect(calm.executionsSavedPerMonth).toBe(0);
	});
});
