/**
 * Alert memory is saved as JSON text in workflow static data. Text that is not a JSON object
 * (hand-edited, truncated, from another version) reads as nothing: the state starts afresh
 * instead of failing the run.
 */
export function parseSavedObject(text: unknown): Record<string, unknown> | undefined {
	if (typeof text !== 'string') return undefined;
	try {
		const parsed: unknown = JSON.parse(text);
		return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}
