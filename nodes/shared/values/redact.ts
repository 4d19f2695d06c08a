/**
 * A URL fit for a message: no user name or password, and the values of query parameters that look
 * like secrets replaced. Health check URLs often carry tokens; an alert must never repeat them.
 */
const SECRET_NAME = /token|key|secret|pass|auth|sig|session|code|credential/i;

export function redactUrl(url: string): string {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return url.replace(/\/\/[^/@\s]*@/, '//***@');
	}
	if (parsed.username !== '' || parsed.password !== '') {
		parsed.username = '***';
		parsed.password = '';
	}
	for (const name of [...parsed.searchParams.keys()]) {
		if (SECRET_NAME.test(name)) parsed.searchParams.set(name, '***');
	}
	return parsed.toString().replace(/%2A%2A%2A/g, '***');
}
