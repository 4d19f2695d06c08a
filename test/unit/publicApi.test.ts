/**
 * How the Data Table alert memory talks to n8n's public API (alertMemory/publicApi.ts): which
 * answers count as done, and what the operator is told for each refusal. The transport is handed in
 * by the node; here it is a function answering as n8n answers (the real one runs in
 * test/e2e/alertMemory.test.js).
 */
import { call, instanceUrl, REQUIRED_SCOPES, type ApiResponse, type PublicApi } from '../../nodes/shared/alertMemory/publicApi';
import { MemoryStoreError } from '../../nodes/shared/alertMemory/store';

const answering =
	(response: ApiResponse): PublicApi =>
	async () =>
		response;
const request = { method: 'GET' as const, path: '/data-tables' };
const refusal = async (response: ApiResponse, expected: number[] = []) => {
	const outcome = await call(answering(response), 'the table "alert_memory"', request, 'read the alert memory', 'dataTableRow:read', expected).then(
		() => undefined,
		(error: unknown) => error,
	);
	if (!(outcome instanceof MemoryStoreError)) throw new Error(`expected a refusal, got ${JSON.stringify(outcome)}`);
	return { message: outcome.message, hint: outcome.hint, status: outcome.status, store: outcome.store };
};

describe('instanceUrl', () => {
	it.each([
		['http://n8n:5678', 'http://n8n:5678'],
		['http://n8n:5678/', 'http://n8n:5678'],
		['http://n8n:5678///', 'http://n8n:5678'],
		['http://n8n:5678/api/v1', 'http://n8n:5678'],
		['http://n8n:5678/api/v1/', 'http://n8n:5678'],
		[' https://x.example/n8n/api/v1 ', 'https://x.example/n8n'],
		['http://n8n:5678/api/v2', 'http://n8n:5678/api/v2'],
	])('%j -> %j', (given, expected) => {
		expect(instanceUrl(given)).toBe(expected);
	});
});

describe('call', () => {
	it('every 2xx is done, and so is an expected status; 199 and 300 are not', async () => {
		for (const status of [200, 201, 204, 299])
			await expect(call(answering({ status, body: {} }), 's', request, 'x', 'dataTable:list')).resolves.toEqual({ status, body: {} });
		await expect(call(answering({ status: 409, body: {} }), 's', request, 'x', 'dataTable:create', [409])).resolves.toEqual({ status: 409, body: {} });
		expect((await refusal({ status: 199, body: {} })).status).toBe(199);
		expect((await refusal({ status: 300, body: {} })).status).toBe(300);
		expect((await refusal({ status: 409, body: {} }, [404])).status).toBe(409);
	});

	it('401: the key, or the public API turned off', async () => {
		expect(await refusal({ status: 401, body: { message: 'unauthorized' } })).toEqual({
			store: 'the table "alert_memory"',
			status: 401,
			message: 'n8n refused the API key (401) when asked to read the alert memory.',
			hint: "Check the API key in the credential (Settings › n8n API makes one), and that n8n's public API is not turned off (N8N_PUBLIC_API_DISABLED).",
		});
	});

	it('403: the scope this call needed, and every scope the key needs', async () => {
		expect(await refusal({ status: 403, body: {} })).toMatchObject({
			message: 'The API key lacks the scope "dataTableRow:read", needed to read the alert memory (403).',
			hint: `Give the key these scopes: ${REQUIRED_SCOPES.join(', ')}.`,
		});
	});

	it("404 without n8n's JSON is no public API at that address; with it, n8n's own reason", async () => {
		expect(await refusal({ status: 404, body: '<html>Not Found</html>' })).toMatchObject({
			message: 'No n8n public API answers at this address (404) when asked to read the alert memory.',
			hint: 'Check the Base URL in the credential. n8n also answers this for a few seconds after it starts: run again.',
		});
		expect(await refusal({ status: 404, body: { message: 'Data table not found' } })).toMatchObject({
			message: 'n8n could not read the alert memory: Data table not found (404).',
			hint: '',
		});
		expect(await refusal({ status: 404, body: '{"message":"Row not found"}' })).toMatchObject({
			message: 'n8n could not read the alert memory: Row not found (404).',
		});
		expect(await refusal({ status: 404, body: { message: 5 } })).toMatchObject({
			message: 'No n8n public API answers at this address (404) when asked to read the alert memory.',
		});
	});

	it('413: the memory is too large for one request, and what to do', async () => {
		expect(await refusal({ status: 413, body: {} })).toMatchObject({
			message: 'The alert memory is larger than this n8n accepts in one request (413), so it could not read the alert memory.',
			hint: 'Raise N8N_PAYLOAD_SIZE_MAX on n8n, or split the series over more nodes.',
		});
	});

	it("anything else: n8n's reason and the status, or that it gave none", async () => {
		expect(await refusal({ status: 500, body: { message: 'database is locked' } })).toMatchObject({
			message: 'n8n could not read the alert memory: database is locked (500).',
		});
		expect(await refusal({ status: 502, body: 'Bad Gateway' })).toMatchObject({ message: 'n8n could not read the alert memory: no reason given (502).' });
		expect(await refusal({ status: 400, body: null })).toMatchObject({ message: 'n8n could not read the alert memory: no reason given (400).' });
	});

	it('no answer at all: in words, never the URL, with where to look', async () => {
		const unreachable: PublicApi = async () => {
			throw Object.assign(new Error('connect ECONNREFUSED http://secret@n8n:5678'), { code: 'ECONNREFUSED' });
		};
		const error = (await call(unreachable, 's', request, 'read the alert memory', 'dataTableRow:read').catch((caught: unknown) => caught)) as MemoryStoreError;
		expect(error).toBeInstanceOf(MemoryStoreError);
		expect(error.message).toBe('n8n could not be reached to read the alert memory: connection refused.');
		expect(error.hint).toBe("Check the Base URL in the credential: the address of n8n's main instance as seen from the workers.");
		expect(error.status).toBeUndefined();
		const slow: PublicApi = async () => {
			throw Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' });
		};
		await expect(call(slow, 's', request, 'save it', 'dataTableRow:update')).rejects.toThrow('n8n could not be reached to save it: no answer in time.');
	});
});
