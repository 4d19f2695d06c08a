import type { Severity } from '../alerting/alertState';
import { failure, success, type Result } from '../result';

/**
 * When a value is bad, with a recovery line so a value hovering at a threshold does not flap:
 * once a series is failing it recovers only when the value crosses `recovery` (Datadog's recovery
 * thresholds, Prometheus' hysteresis by hand).
 */
export type Condition = 'above' | 'below' | 'outsideRange' | 'changeAbove';

export interface Thresholds {
	condition: Condition;
	/** above/below/changeAbove: warning and critical levels (critical may be unset). */
	warning?: number;
	critical?: number;
	/** outsideRange: the healthy range; outside it the range's severity applies. */
	low?: number;
	high?: number;
	rangeSeverity?: Exclude<Severity, 'ok'>;
	/** Where a failing series recovers; defaults to the warning level (or the range). */
	recovery?: number;
}

/** Checks that thresholds agree with each other; says which one is wrong. */
export function validateThresholds(thresholds: Thresholds): Result<Thresholds> {
	const { condition, warning, critical, recovery, low, high } = thresholds;
	if (condition === 'outsideRange') {
		if (low === undefined && high === undefined) return failure('Outside Range needs a Low or a High value');
		if (low !== undefined && high !== undefined && low > high) return failure(`Low (${low}) is above High (${high})`);
		return success(thresholds);
	}
	if (warning === undefined && critical === undefined) return failure('set a Warning or a Critical threshold');
	const worse = condition === 'below' ? (a: number, b: number) => a < b : (a: number, b: number) => a > b;
	if (warning !== undefined && critical !== undefined && worse(warning, critical)) {
		const direction = condition === 'below' ? 'below' : 'above';
		return failure(`the Warning threshold (${warning}) is ${direction} the Critical one (${critical}); warning must come first`);
	}
	const first = warning ?? critical;
	if (recovery !== undefined && first !== undefined && worse(recovery, first)) {
		return failure(`the Recovery threshold (${recovery}) is past the alert threshold (${first}); it must be on the healthy side`);
	}
	return success(thresholds);
}

/**
 * The severity of a value. `current` is the series' present severity: a failing series stays at
 * (at least) warning until the value is back past the recovery line.
 */
export function severityOf(value: number, thresholds: Thresholds, current: Severity): Severity {
	const { condition } = thresholds;
	if (condition === 'outsideRange') {
		const outside = (thresholds.low !== undefined && value < thresholds.low) || (thresholds.high !== undefined && value > thresholds.high);
		return outside ? (thresholds.rangeSeverity ?? 'critical') : 'ok';
	}
	const measured = condition === 'changeAbove' ? Math.abs(value) : value;
	const reached = condition === 'below' ? (limit: number) => measured <= limit : (limit: number) => measured >= limit;
	if (thresholds.critical !== undefined && reached(thresholds.critical)) return 'critical';
	if (thresholds.warning !== undefined && reached(thresholds.warning)) return 'warning';
	if (current !== 'ok') {
		const recovery = thresholds.recovery ?? thresholds.warning ?? thresholds.critical;
		const recovered = recovery === undefined || (condition === 'below' ? measured > recovery : measured < recovery);
		if (!recovered) return current === 'critical' ? 'warning' : current;
	}
	return 'ok';
}

/** The threshold a severity was judged against, for messages. */
export function thresholdFor(thresholds: Thresholds, severity: Severity): number | null {
	if (thresholds.condition === 'outsideRange') return (thresholds.low ?? thresholds.high) ?? null;
	if (severity === 'critical') return thresholds.critical ?? null;
	if (severity === 'warning') return thresholds.warning ?? thresholds.critical ?? null;
	return thresholds.recovery ?? thresholds.warning ?? null;
}
