import type { AlertRecord, AlertStep } from './alertMachine';

/** `alert` of an output item: the machine's state and notice; since when it is (or was) failing. */
export function alertField(step: AlertStep, record: AlertRecord, previous: AlertRecord | undefined): Record<string, unknown> {
	const since = step.notice === 'resolved' ? previous?.since : record.state === 'normal' ? undefined : record.since;
	return {
		state: step.notice === 'resolved' ? 'normal' : record.state,
		notice: step.notice,
		since: since === undefined ? null : new Date(since).toISOString(),
		...(step.cause ? { resolvedBecause: step.cause } : {}),
	};
}
