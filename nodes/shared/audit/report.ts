import type { AuditedWorkflow, AuditRun } from './instance';
import { describeDuration, VERDICT_LABELS, type AuditVerdict } from './verdict';
import { round } from '../values/number';

/** Findings first, the most costly kind first; then the workflows that need nothing. */
export const VERDICT_ORDER: AuditVerdict[] = ['batchedCannotWait', 'realTimeCouldBatch', 'mixed', 'notJudged', 'fine'];
/** Lines of findings one summary message lists; the rest are counted ("and 12 more"). */
export const MESSAGE_FINDINGS = 40;

const count = (value: number) => Math.round(value).toLocaleString('en-US');

/** One output item's fields for one workflow. */
export function workflowReport(workflow: AuditedWorkflow, instance: string) {
	const { judgement, volume, work } = workflow;
	const evidence = (list: typeof work.realTime) => list.map((each) => `${each.what} (${each.where})`);
	return {
		workflow: workflow.name,
		verdict: judgement.verdict,
		verdictText: VERDICT_LABELS[judgement.verdict],
		reason: judgement.reason,
		workflowId: workflow.id,
		url: `${instance}/workflow/${workflow.id}`,
		active: workflow.active,
		archived: workflow.archived,
		tags: workflow.tags,
		startsWith: workflow.triggers.map((trigger) => ({
			node: trigger.node,
			type: trigger.type,
			kind: trigger.kind,
			...(trigger.every === undefined ? {} : { every: trigger.every }),
			...(trigger.worstDelayMs === undefined ? {} : { worstDelay: describeDuration(trigger.worstDelayMs) }),
			...(trigger.problem === undefined ? {} : { problem: trigger.problem }),
		})),
		worstDelayMinutes: judgement.worstDelayMs === undefined ? null : round(judgement.worstDelayMs / 60_000, 2),
		workThatCannotWait: evidence(work.realTime),
		workThatCanWait: evidence(work.batch),
		hasLatencyClassifier: work.split,
		executions: volume.executions,
		executionsPerDay: round(volume.perDay, 1),
		meanDurationMs: volume.meanMs === undefined ? null : Math.round(volume.meanMs),
		p95DurationMs: volume.p95Ms ?? null,
		errorRate: round(volume.errorRate, 4),
		executionsSavedPerMonth: judgement.executionsSavedPerMonth ?? 0,
		daysCovered: round(workflow.daysCovered, 2),
		notes: workflow.notes,
	};
}

export function sortedForReport(workflows: AuditedWorkflow[]): AuditedWorkflow[] {
	const rank = (workflow: AuditedWorkflow) => VERDICT_ORDER.indexOf(workflow.judgement.verdict);
	return [...workflows].sort(
		(a, b) =>
			rank(a) - rank(b) ||
			(b.judgement.executionsSavedPerMonth ?? 0) - (a.judgement.executionsSavedPerMonth ?? 0) ||
			a.name.localeCompare(b.name, 'en') ||
			a.id.localeCompare(b.id, 'en'),
	);
}

/** The summary item: counts per verdict, the executions a month the suggestions save, and a message to post. */
export function summaryReport(run: AuditRun, instance: string, windowDays: number) {
	const counts = Object.fromEntries(VERDICT_ORDER.map((verdict) => [verdict, 0])) as Record<AuditVerdict, number>;
	for (const workflow of run.workflows) counts[workflow.judgement.verdict]++;
	const saved = run.workflows.reduce((sum, workflow) => sum + (workflow.judgement.executionsSavedPerMonth ?? 0), 0);
	const findings = sortedForReport(run.workflows).filter((workflow) => workflow.judgement.verdict !== 'fine' && workflow.judgement.verdict !== 'notJudged');

	const lines = [
		`Automation audit of ${instance}, last ${windowDays} ${windowDays === 1 ? 'day' : 'days'}: ${run.workflows.length} ${run.workflows.length === 1 ? 'workflow' : 'workflows'}${run.skipped > 0 ? ` (${run.skipped} skipped)` : ''}.`,
		VERDICT_ORDER.map((verdict) => `${counts[verdict]} ${VERDICT_LABELS[verdict]}`).join(' · '),
	];
	if (saved > 0) lines.push(`Batching what can wait would save about ${count(saved)} executions a month.`);
	if (findings.length === 0) lines.push('Nothing to change.');
	for (const workflow of findings.slice(0, MESSAGE_FINDINGS)) {
		lines.push(`• ${VERDICT_LABELS[workflow.judgement.verdict]}: "${workflow.name}" (${instance}/workflow/${workflow.id}): ${workflow.judgement.reason}`);
	}
	if (findings.length > MESSAGE_FINDINGS) lines.push(`…and ${findings.length - MESSAGE_FINDINGS} more: every workflow is an item of the audit's output.`);
	if (run.executionsFrom !== undefined) lines.push(`n8n holds executions from ${run.executionsFrom.toISOString()} only: figures are per day since then.`);

	return {
		summary: true,
		workflowsAudited: run.workflows.length,
		workflowsSkipped: run.skipped,
		counts,
		executionsSavedPerMonth: saved,
		findings: findings.length,
		windowFrom: run.windowFrom.toISOString(),
		windowTo: run.windowTo.toISOString(),
		message: lines.join('\n'),
	};
}
