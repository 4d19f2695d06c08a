/** What went wrong with a request that got no answer, in words that never include the URL (which may carry a secret). */
export function describeNetworkFailure(error: unknown, timedOut: string): string {
	const code = (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code;
	switch (code) {
		case 'ECONNABORTED':
		case 'ETIMEDOUT':
			return timedOut;
		case 'ECONNREFUSED':
			return 'connection refused';
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return 'host not found';
		case 'ECONNRESET':
			return 'connection reset';
		default:
			return code ? `request failed (${code})` : 'request failed';
	}
}
