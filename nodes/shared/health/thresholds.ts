import type { Severity } from '../alerting/alertMachine';
import { heldSeverity, recoveryLine } from '../alerting/hysteresis';
import { failure, success, type Result } from '../result';

/**
 * When a value is bad. Every line has hysteresis: once a series fires, it drops a level only when the
 * value is back past that line by the recovery margin (see alerting/hysteresis.ts).
 */
export type Condition = 'above' | 'below' | 'outsideRange' | 'changeAbove';

export interface Thresholds {
	condition: Condition;
	/** above/below/changeAbove: warning and critical levels (either may be unset). */
	warning?: number;
	critical?: number;
	/** outsideRange: the healthy range; outside it the range's severity applies. */
	low?: number;
	high?: number;
	rangeSeverity?: Exclude<Severity, 'ok'>;
	/** Recovery margin as a share of each line (0.05: 5%); 0: recover as soon as the line is passed. */
	margin: number;
}

/** Checks that thresholds agree with each other; says which one is wrong. */
export function validateThresholds(thresholds: Thresholds): Result<Thresholds> {
	const { condition, warning, critical, low, high, margin } = thresholds;
	if (!(margin >= 0 && margin < 1)) return failure(`the Recovery Margin (${round(margin * 100)}%) must be at least 0% and below 100%`);
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
	return success(thresholds);
}

const round = (value: number) => Math.round(value * 100) / 100;

/**
 * The severity of a value. `current` is the severity the series is firing at (firingSeverity):
 * a firing series keeps its level until the value is back past that level's recovery line.
 */
export function severityOf(value: number, thresholds: Thresholds, current: Severity): Severity {
	const { condition, margin } = thresholds;
	if (condition === 'outsideRange') {
		const { low, high } = thresholds;
		const outside = (low !== undefined && value < low) || (high !== undefined && value > high);
		const severity = thresholds.rangeSeverity ?? 'critical';
		if (outside) return severity;
		if (current === 'ok') return 'ok';
		// Back inside counts once the value is inside by the margin of the range's width (or bound).
		const width = low !== undefined && high !== undefined ? high - low : Math.abs((low ?? high) as number);
		const inset = width * margin;
		const inside = (low === undefined || value >= low + inset) && (high === undefined || value <= high - inset);
		return inside ? 'ok' : severity;
	}
	const measured = condition === 'changeAbove' ? Math.abs(value) : value;
	const badWhen = condition === 'below' ? 'below' : 'above';
	const reached = (limit: number) => (badWhen === 'below' ? measured <= limit : measured >= limit);
	const raw: Severity =
		thresholds.critical !== undefined && reached(thresholds.critical)
			? 'critical'
			: thresholds.warning !== undefined && reached(thresholds.warning)
				? 'warning'
				: 'ok';
	return heldSeverity(raw, current, (level) => {
		const line = level === 'critical' ? thresholds.critical : (thresholds.warning ?? thresholds.critical);
		if (line === undefined) return true;
		const back = recoveryLine(line, badWhen, margin);
		return badWhen === 'below' ? measured > back : measured < back;
	});
}

/** The threshold a severity was judged against, for messages. */
export function thresholdFor(thresholds: Thresholds, severity: Severity): number | null {
	if (thresholds.condition === 'outsideRange') return thresholds.low ?? thresholds.high ?? null;
	if (severity === 'critical') return thresholds.critical ?? thresholds.warning ?? null;
	return thresholds.warning ?? thresholds.critical ?? null;
}
