import { alertField } from '../alerting/alertField';
import { observe, type AlertRecord } from '../alerting/alertMachine';
import type { AdAlertMemory, EvaluationSettings, GroupMemory, GroupResult, Output } from './evaluate';
import { METRIC_NAMES } from './judge';
import { compileFieldPath } from '../values/fieldPath';

/**
 * A data source that failed (an Ad Metrics item with Continue on Fail, or any item carrying an
 * `error` and no spend): its account cannot be judged. It is an alert of its own, as Grafana's
 * "Error" state: it fires through the same machine (pending, reminders), resolves at the first run
 * that brings no failure for it, and the account's campaign alerts wait meanwhile instead of going
 * missing.
 */
export interface SourceFailure {
	/** '' when the failure names no account, or the node judges all rows as one group. */
	account: string;
	message: string;
	description: string;
	/** Input items that reported it. */
	items: number[];
}

/** Memory keys of failing sources; a campaign or account key never starts so. */
const SOURCE_KEY_PREFIX = 'source failing: ';

export const sourceKey = (account: string) => `${SOURCE_KEY_PREFIX}${account}`;
export const isSourceKey = (key: string) => key.startsWith(SOURCE_KEY_PREFIX);

/**
 * The failure an item reports instead of rows, or undefined for a row. `error` is a text (the
 * package's nodes, most of n8n's) or an object with a message (some n8n nodes); an item that has
 * figures is a row whatever else it says.
 */
export function failureOf(json: Record<string, unknown>, hasFigures: boolean, account: unknown): Omit<SourceFailure, 'items'> | undefined {
	if (hasFigures) return undefined;
	const error = json.error;
	const message = typeof error === 'string' ? error : typeof error === 'object' && error !== null ? (error as Record<string, unknown>).message : undefined;
	if (typeof message !== 'string' || message.trim() === '') return undefined;
	const detail = json.description ?? json.details ?? (typeof error === 'object' && error !== null ? (error as Record<string, unknown>).description : undefined);
	return {
		account: typeof account === 'string' || typeof account === 'number' ? String(account).trim() : '',
		message: message.trim(),
		description: typeof detail === 'string' ? detail.trim() : '',
	};
}

/**
 * Reads the failure an item reports, with the node's own Spend and Account fields (an item with a
 * spend is a row); the Ad Metrics names (`accountId`, `spend`, Google's `metrics`) count as well.
 */
export function createFailureReader(spendField: string, accountField: string): (json: Record<string, unknown>) => Omit<SourceFailure, 'items'> | undefined {
	const spend = compileFieldPath(spendField);
	const account = compileFieldPath(accountField);
	return (json) => {
		if (json.error === undefined) return undefined;
		const hasFigures = (spend.ok && spend.value(json) !== undefined) || json.spend !== undefined || json.metrics !== undefined;
		return failureOf(json, hasFigures, (account.ok ? account.value(json) : undefined) ?? json.accountId ?? json.account);
	};
}

/** Whether a remembered group waits for its failing source instead of being judged missing. */
export function heldBy(failing: ReadonlyMap<string, SourceFailure>, identity: Record<string, unknown>): boolean {
	if (failing.size === 0) return false;
	return failing.has('') || failing.has(String(identity.account ?? ''));
}

/** Steps the alert of every source failing now or failing before; returns their results and memory. */
export function evaluateSources(
	failing: ReadonlyMap<string, SourceFailure>,
	settings: EvaluationSettings,
	memory: Readonly<AdAlertMemory>,
	now: number,
): { results: GroupResult[]; groups: Record<string, GroupMemory> } {
	const results: GroupResult[] = [];
	const groups: Record<string, GroupMemory> = {};
	for (const failure of failing.values()) {
		const key = sourceKey(failure.account);
		const saved = memory.groups[key]?.alert;
		const step = observe(saved, 'critical', null, now, settings.timing);
		const record = step.record as AlertRecord;
		groups[key] = {
			alert: record,
			identity: { account: failure.account || null },
			labels: { campaign: failure.account, account: failure.account, currency: '' },
		};
		const output: Output = step.notice === null ? 'insufficient' : 'alert';
		const reason = `The data source failed: ${failure.message}${failure.description ? ` ${failure.description}` : ''}`;
		const heading = step.notice === 'renotify' ? `DATA SOURCE STILL FAILING (since ${new Date(record.since).toISOString()})` : 'DATA SOURCE FAILING';
		const message =
			step.notice === null
				? reason
				: `${heading} ${label(failure.account, settings)}: ${METRIC_NAMES[settings.kind]} is not being watched. ${settings.escape(failure.message)}${failure.description ? ` ${settings.escape(failure.description)}` : ''}`;
		results.push({
			output,
			items: failure.items,
			json: {
				account: failure.account || null,
				metric: METRIC_NAMES[settings.kind],
				[settings.kind]: null,
				severity: 'critical',
				alert: alertField(step, record, saved),
				sourceError: failure.message,
				reason,
				message,
			},
		});
	}
	for (const [key, saved] of Object.entries(memory.groups)) {
		if (!isSourceKey(key) || failing.has(key.slice(SOURCE_KEY_PREFIX.length))) continue;
		const step = observe(saved.alert, 'ok', null, now, settings.timing);
		if (step.notice !== 'resolved') continue;
		const since = new Date(saved.alert.since).toISOString();
		const reason = `The data source works again (it failed from ${since}).`;
		results.push({
			output: settings.sendResolved ? 'alert' : 'ok',
			items: [],
			json: {
				account: saved.identity.account ?? null,
				metric: METRIC_NAMES[settings.kind],
				[settings.kind]: null,
				severity: 'ok',
				alert: alertField(step, step.record as AlertRecord, saved.alert),
				reason,
				message: `RESOLVED ${label(saved.labels.account, settings)}: the data source works again, ${METRIC_NAMES[settings.kind]} is watched again (it failed from ${since}).`,
			},
		});
	}
	return { results, groups };
}

function label(account: string, settings: EvaluationSettings): string {
	return account === '' ? 'ad data' : `account ${settings.escape(account)}`;
}
