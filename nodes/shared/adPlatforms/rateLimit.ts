import { attemptAsync } from '../values/attempt';

/** Retries after the first rate-limited answer, each after the wait the platform asked for. */
export const RATE_LIMIT_RETRIES = 2;

/** The wait when a platform says its limit is reached but not for how long. */
export const UNSTATED_RATE_LIMIT_WAIT_MS = 5_000;

/**
 * Runs `fetch`; when it fails on a rate limit (`waitAsked` gives how long the platform asks to wait)
 * and that wait is at most `maxWaitMs`, waits and tries again, up to RATE_LIMIT_RETRIES times. Any
 * other failure, or a longer wait, fails at once: the caller reports it with the platform's hint.
 */
export async function waitingOutRateLimits<T>(
	fetch: () => Promise<T>,
	waitAsked: (error: unknown) => number | undefined,
	maxWaitMs: number,
	sleep: (ms: number) => Promise<void>,
): Promise<T> {
	for (let retry = 0; ; retry++) {
		const outcome = await attemptAsync(fetch);
		if (outcome.ok) return outcome.value;
		const wait = waitAsked(outcome.error);
		if (wait === undefined || wait > maxWaitMs || retry >= RATE_LIMIT_RETRIES) throw outcome.error;
		await sleep(wait);
	}
}

/** Google's retry delay, a protobuf duration such as "3s" or "2.500s", in milliseconds. */
export function durationMs(text: string | undefined): number | undefined {
	const match = /^(\d+(?:\.\d+)?)s$/.exec(String(text ?? '').trim());
	return match ? Math.round(Number(match[1]) * 1000) : undefined;
}
