import { SEVERITY_RANK, type Severity } from './alertMachine';

/**
 * Hysteresis on every alert line (Datadog's recovery thresholds): a firing alert drops a level only
 * once the value is back past that level's line by the recovery margin, so a value hovering at a
 * line neither storms resolves nor escalations.
 */
export const DEFAULT_RECOVERY_MARGIN_PERCENT = 10;

/** Where a value recovers from `line`: `margin` (a share, 0.05 for 5%) of the line towards healthy. */
export function recoveryLine(line: number, badWhen: 'above' | 'below', margin: number): number {
	const offset = Math.abs(line) * margin;
	return badWhen === 'above' ? line - offset : line + offset;
}

/** Has the value crossed back past the recovery line of this severity's threshold? */
export type Recovered = (severity: Exclude<Severity, 'ok'>) => boolean;

/**
 * The severity after hysteresis: `raw` is what the value alone says, `current` what the alert is
 * firing at. Worse is taken at once (the state machine's pending applies); better only past the line.
 */
export function heldSeverity(raw: Severity, current: Severity, recovered: Recovered): Severity {
	if (SEVERITY_RANK[raw] >= SEVERITY_RANK[current]) return raw;
	if (current === 'critical' && !recovered('critical')) return 'critical';
	if (raw === 'ok' && !recovered('warning')) return 'warning';
	return raw;
}
