/** Prefix of the message of every alert a manual (test) run sends. */
export const TEST_PREFIX = '[TEST] ';

/**
 * Alerts of a manual run are real items that may reach Slack, but nothing is remembered after
 * them (n8n saves no workflow static data for manual runs): they say so, in a field and in the text.
 */
export function markedIfTest(json: Record<string, unknown>, testRun: boolean): Record<string, unknown> {
	if (!testRun) return json;
	const message = typeof json.message === 'string' ? `${TEST_PREFIX}${json.message}` : json.message;
	return { ...json, test: true, message };
}
