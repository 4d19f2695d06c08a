/**
 * Rate limits are waited out as the platform asks before they count as a failure
 * (adPlatforms/rateLimit.ts), and each platform's answer says how long to wait.
 */
import { googleFailure } from '../../nodes/shared/adPlatforms/googleAds';
import { metaFailure } from '../../nodes/shared/adPlatforms/meta';
import { durationMs, RATE_LIMIT_RETRIES, UNSTATED_RATE_LIMIT_WAIT_MS, waitingOutRateLimits } from '../../nodes/shared/adPlatforms/rateLimit';

class RateLimited extends Error {
	constructor(readonly waitMs: number) {
		super(`rate limited, wait ${waitMs} ms`);
	}
}
const waitOf = (error: unknown) => (error instanceof RateLimited ? error.waitMs : undefined);

/** A fetch failing with the given errors first, then answering 'rows'; the waits it was made to sit out. */
function scripted(failures: Error[]) {
	const waits: number[] = [];
	let calls = 0;
	const fetch = async () => {
		calls += 1;
		const failure = failures.shift();
		if (failure) throw failure;
		return 'rows';
	};
	return { fetch, sleep: async (ms: number) => void waits.push(ms), waits, calls: () => calls };
}

describe('waitingOutRateLimits', () => {
	it('waits as asked and tries again: twice at most', async () => {
		const once = scripted([new RateLimited(3000)]);
		await expect(waitingOutRateLimits(once.fetch, waitOf, 60_000, once.sleep)).resolves.toBe('rows');
		expect(once.waits).toEqual([3000]);
		const twice = scripted([new RateLimited(1000), new RateLimited(2000)]);
		await expect(waitingOutRateLimits(twice.fetch, waitOf, 60_000, twice.sleep)).resolves.toBe('rows');
		expect(twice.waits).toEqual([1000, 2000]);
		expect(RATE_LIMIT_RETRIES).toBe(2);
		const thrice = scripted([new RateLimited(1000), new RateLimited(1000), new RateLimited(1000)]);
		await expect(waitingOutRateLimits(thrice.fetch, waitOf, 60_000, thrice.sleep)).rejects.toThrow('rate limited, wait 1000 ms');
		expect(thrice.calls()).toBe(3);
		expect(thrice.waits).toEqual([1000, 1000]);
	});

	it('a wait exactly at the maximum is waited; one millisecond more fails at once; 0 never waits', async () => {
		const at = scripted([new RateLimited(60_000)]);
		await expect(waitingOutRateLimits(at.fetch, waitOf, 60_000, at.sleep)).resolves.toBe('rows');
		const over = scripted([new RateLimited(60_001)]);
		await expect(waitingOutRateLimits(over.fetch, waitOf, 60_000, over.sleep)).rejects.toThrow('wait 60001 ms');
		expect(over.waits).toEqual([]);
		const never = scripted([new RateLimited(1)]);
		await expect(waitingOutRateLimits(never.fetch, waitOf, 0, never.sleep)).rejects.toBeInstanceOf(RateLimited);
		expect(never.calls()).toBe(1);
	});

	it('any other failure fails at once, without waiting', async () => {
		const other = scripted([new Error('token expired')]);
		await expect(waitingOutRateLimits(other.fetch, waitOf, 60_000, other.sleep)).rejects.toThrow('token expired');
		expect(other.calls()).toBe(1);
		expect(other.waits).toEqual([]);
	});
});

describe('how long each platform asks to wait', () => {
	it("Meta: the usage headers' estimated minutes, or the unstated wait; not on other errors", () => {
		const body = { error: { message: 'User request limit reached', code: 17, error_subcode: 2446079 } };
		const headers = { 'x-business-use-case-usage': JSON.stringify({ act_1: [{ type: 'ads_insights', estimated_time_to_regain_access: 2 }] }) };
		expect(metaFailure(400, body, headers).rateLimitWaitMs).toBe(120_000);
		expect(metaFailure(400, body, {}).rateLimitWaitMs).toBe(UNSTATED_RATE_LIMIT_WAIT_MS);
		expect(metaFailure(400, { error: { message: 'x', code: 80004 } }, {}).rateLimitWaitMs).toBe(UNSTATED_RATE_LIMIT_WAIT_MS);
		expect(metaFailure(400, { error: { message: 'Session has expired', code: 190 } }, {}).rateLimitWaitMs).toBeUndefined();
		expect(metaFailure(403, { error: { message: 'no permission', code: 200 } }, {}).rateLimitWaitMs).toBeUndefined();
	});

	it("Google: the quota error's retryDelay, or the unstated wait; not on other errors", () => {
		const quota = (retryDelay?: string) => [
			{
				error: {
					code: 429,
					status: 'RESOURCE_EXHAUSTED',
					message: 'quota',
					details: [
						{
							errors: [
								{
									errorCode: { quotaError: 'RESOURCE_EXHAUSTED' },
									message: 'Too many requests',
									details: retryDelay ? { quotaErrorDetails: { retryDelay } } : undefined,
								},
							],
						},
					],
				},
			},
		];
		expect(googleFailure(429, quota('3s'), '1234567890').rateLimitWaitMs).toBe(3000);
		expect(googleFailure(429, quota('2.5s'), '1234567890').rateLimitWaitMs).toBe(2500);
		expect(googleFailure(429, quota(), '1234567890').rateLimitWaitMs).toBe(UNSTATED_RATE_LIMIT_WAIT_MS);
		expect(googleFailure(401, [{ error: { code: 401, status: 'UNAUTHENTICATED', message: 'x' } }], '1').rateLimitWaitMs).toBeUndefined();
	});

	it('durationMs reads protobuf durations only', () => {
		expect(durationMs('3s')).toBe(3000);
		expect(durationMs(' 0.001s ')).toBe(1);
		expect(durationMs('3')).toBeUndefined();
		expect(durationMs('3 s')).toBeUndefined();
		expect(durationMs('s')).toBeUndefined();
		expect(durationMs('-3s')).toBeUndefined();
		expect(durationMs('3sx')).toBeUndefined();
		expect(durationMs(undefined)).toBeUndefined();
	});
});
