import type { IExecuteFunctions } from 'n8n-workflow';

import type { EndpointObservation } from '../shared/health/evaluate';
import { describeNetworkFailure } from '../shared/values/networkFailure';
import { redactUrl } from '../shared/values/redact';
import type { EndpointSpec } from './checkTypes/endpoint';

/**
 * Requests each endpoint once, through n8n's request helper, all at the same time. A failed or
 * slow request is an observation ("down: no response within 10 s"), never an error of the node,
 * and no URL credential or token reaches the result.
 */
export async function observeEndpoints(context: IExecuteFunctions, endpoints: readonly EndpointSpec[]): Promise<Map<string, EndpointObservation>> {
	const observations = await Promise.all(endpoints.map(async (endpoint) => [endpoint.check, await observe(context, endpoint)] as const));
	return new Map(observations);
}

async function observe(context: IExecuteFunctions, endpoint: EndpointSpec): Promise<EndpointObservation> {
	const series = redactUrl(endpoint.url);
	const started = Date.now();
	try {
		const response = (await context.helpers.httpRequest({
			method: 'GET',
			url: endpoint.url,
			timeout: endpoint.timeoutMs,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			json: false,
		})) as { statusCode: number; body: unknown };
		const latencyMs = Date.now() - started;
		const status = response.statusCode;
		if (!endpoint.expectedStatus(status)) {
			return { series, up: false, latencyMs, status, problem: `status ${status}` };
		}
		if (endpoint.bodyContains !== '' && !bodyText(response.body).includes(endpoint.bodyContains)) {
			return { series, up: false, latencyMs, status, problem: `the response does not contain "${endpoint.bodyContains}"` };
		}
		return { series, up: true, latencyMs, status, problem: null };
	} catch (error) {
		return {
			series,
			up: false,
			latencyMs: Date.now() - started,
			status: null,
			problem: describeNetworkFailure(error, `no response within ${endpoint.timeoutMs / 1000} s`),
		};
	}
}

function bodyText(body: unknown): string {
	if (typeof body === 'string') return body;
	if (body instanceof Uint8Array) return new TextDecoder().decode(body);
	return JSON.stringify(body) ?? '';
}
