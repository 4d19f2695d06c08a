/**
 * n8n's public API as both the alert memory and the Automation Audit ask it (n8nApi/publicApi.ts):
 * what counts as done, and how a refusal names what was asked, the scope and every scope of the
 * feature. The alert memory's own wording is pinned in publicApi.test.ts.
 */
import { PublicApiError, send, type ApiResponse, type Asking, type PublicApi } from '../../nodes/shared/n8nApi/publicApi';

const ASKING: Asking = {
	doing: 'list the workflows',
	scope: 'workflow:list',
	scopes: ['workflow:list', 'execution:list'],
	unreachableHint: 'Check the address.',
};
const answering =
	(response: ApiResponse): PublicApi =>
	async () =>
		response;
const outcome = (api: PublicApi, asking: Partial<Asking> = {}) =>
	send(api, { method: 'GET', path: '/workflows' }, { ...ASKING, ...asking }).then(
		(response) => response,
		(error: unknown) => error,
	);

describe('send', () => {
	it('returns 2xx answers and expected statuses as they came', async () => {
		expect(await outcome(answering({ status: 200, body: { data: [] } }))).toEqual({ status: 200, body: { data: [] } });
		expect(await outcome(answering({ status: 409, body: {} }), { expected: [409] })).toEqual({ status: 409, body: {} });
		expect(await outcome(answering({ status: 409, body: {} }), { expected: [404] })).toBeInstanceOf(PublicApiError);
	});

	it('a 403 names the scope of this request and every scope of the feature', async () => {
		expect(await outcome(answering({ status: 403, body: { message: 'Forbidden' } }))).toMatchObject({
			message: 'The API key lacks the scope "workflow:list", needed to list the workflows (403).',
			hint: 'Give the key these scopes: workflow:list, execution:list.',
			status: 403,
		});
	});

	it("n8n out of reach: the caller's hint, no status", async () => {
		const error = await outcome(async () => {
			throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
		});
		expect(error).toBeInstanceOf(PublicApiError);
		expect(error).toMatchObject({ hint: 'Check the address.', status: undefined });
		expect((error as Error).message).toMatch(/^n8n could not be reached to list the workflows: /);
		expect((error as Error).name).toBe('PublicApiError');
	});

	it("other refusals carry n8n's own message, or say none was given", async () => {
		expect(await outcome(answering({ status: 400, body: { message: 'An invalid cursor was provided' } }))).toMatchObject({
			message: 'n8n could not list the workflows: An invalid cursor was provided (400).',
			hint: undefined,
		});
		expect(await outcome(answering({ status: 500, body: '<html>' }))).toMatchObject({ message: 'n8n could not list the workflows: no reason given (500).' });
		expect(await outcome(answering({ status: 502, body: '{"message":"bad gateway"}' }))).toMatchObject({
			message: 'n8n could not list the workflows: bad gateway (502).',
		});
		expect(await outcome(answering({ status: 404, body: { message: 'Not found' } }))).toMatchObject({
			message: 'n8n could not list the workflows: Not found (404).',
		});
		expect(await outcome(answering({ status: 404, body: '<html>' }))).toMatchObject({
			message: 'No n8n public API answers at this address (404) when asked to list the workflows.',
		});
	});
});
