import { createHmac } from 'node:crypto';

interface MetaSignInCredentials {
	accessToken?: unknown;
	appSecret?: unknown;
}

interface SignedRequest {
	url?: string;
	headers?: Record<string, unknown>;
	qs?: Record<string, unknown>;
}

/**
 * Meta's proof that a call comes from the app's own server: HMAC-SHA256 of the access token, keyed
 * with the App Secret, in hex. Apps with "Require App Secret" on refuse calls without it.
 */
export function appSecretProof(accessToken: string, appSecret: string): string {
	return createHmac('sha256', appSecret).update(accessToken).digest('hex');
}

/**
 * The token goes in a bearer header rather than Meta's documented access_token parameter (Meta
 * accepts both): a header stays out of URLs, and so out of n8n's logs and execution data.
 */
export function signMetaRequest<T extends SignedRequest>(credentials: MetaSignInCredentials, request: T): T {
	const accessToken = String(credentials.accessToken ?? '').trim();
	const appSecret = String(credentials.appSecret ?? '').trim();
	return {
		...request,
		headers: { ...(request.headers ?? {}), Authorization: `Bearer ${accessToken}` },
		...(appSecret ? { qs: { ...(request.qs ?? {}), appsecret_proof: appSecretProof(accessToken, appSecret) } } : {}),
	};
}
