/**
 * What a workflow's executions cost, counted page by page so that memory does not grow with their
 * number: how many, how many failed, the mean duration and the 95th percentile from a fixed set of
 * buckets (each about 5% wide), and the span they cover.
 */
export interface ExecutionSummary {
	status?: string;
	startedAt?: string | null;
	stoppedAt?: string | null;
}

export interface Volume {
	executions: number;
	perDay: number;
	errorRate: number;
	meanMs: number | undefined;
	p95Ms: number | undefined;
}

/** Bucket i holds durations up to GROWTH^i ms; 1.05^380 is about 38 million ms, more than ten hours. */
const GROWTH = 1.05;
const BUCKETS = 380;
const FAILED = new Set(['error', 'crashed', 'failed']);

export class VolumeCounter {
	private executions = 0;
	private failed = 0;
	private timed = 0;
	private totalMs = 0;
	private readonly buckets = new Array<number>(BUCKETS + 1).fill(0);

	add(execution: ExecutionSummary): void {
		this.executions++;
		if (FAILED.has(String(execution.status))) this.failed++;
		const started = Date.parse(String(execution.startedAt ?? ''));
		const stopped = Date.parse(String(execution.stoppedAt ?? ''));
		if (Number.isNaN(started) || Number.isNaN(stopped) || stopped < started) return;
		const duration = stopped - started;
		this.timed++;
		this.totalMs += duration;
		this.buckets[bucketOf(duration)]++;
	}

	/** The figures over a window of `windowDays` days. */
	volume(windowDays: number): Volume {
		return {
			executions: this.executions,
			perDay: this.executions / windowDays,
			errorRate: this.executions === 0 ? 0 : this.failed / this.executions,
			meanMs: this.timed === 0 ? undefined : this.totalMs / this.timed,
			p95Ms: this.timed === 0 ? undefined : this.percentile(0.95),
		};
	}

	private percentile(share: number): number {
		const wanted = Math.ceil(share * this.timed);
		let seen = 0;
		for (let index = 0; index <= BUCKETS; index++) {
			seen += this.buckets[index];
			if (seen >= wanted) return index === 0 ? 0 : Math.round(GROWTH ** index);
		}
		return Math.round(GROWTH ** BUCKETS);
	}
}

/** 0 ms in bucket 0; otherwise the first bucket whose upper bound holds it. */
function bucketOf(durationMs: number): number {
	if (durationMs < 1) return 0;
	return Math.min(BUCKETS, Math.max(1, Math.ceil(Math.log(durationMs) / Math.log(GROWTH))));
}
