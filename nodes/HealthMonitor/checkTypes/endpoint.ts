import { InvalidSettingError } from '../../shared/errors';
import { listOf } from '../../shared/values/text';
import { SAME_FOR_EVERY_SERIES, type CheckTypeEntry, type RawCheck } from './checkType';

export interface EndpointSpec {
	check: string;
	url: string;
	expectedStatus: (status: number) => boolean;
	bodyContains: string;
	timeoutMs: number;
}

export const endpoint: CheckTypeEntry = {
	option: { name: 'Endpoint Up/Down', description: 'Request a URL: status, response time, optional text in the body' },
	fields: [
		{ displayName: 'Endpoint URL', name: 'url', type: 'string', default: '', placeholder: 'https://example.com/health' },
		{
			displayName: 'Expected Status',
			name: 'expectedStatus',
			type: 'string',
			default: '2xx',
			description: 'Status codes that mean "up": 2xx, or a list such as 200, 204',
		},
		{
			displayName: 'Response Must Contain',
			name: 'bodyContains',
			type: 'string',
			default: '',
			placeholder: 'e.g. "status":"ok"',
			description: 'Optional text the response must contain',
		},
		{
			displayName: 'Slow Above (Ms)',
			name: 'slowAboveMs',
			type: 'number',
			hint: SAME_FOR_EVERY_SERIES,
			typeOptions: { minValue: 0 },
			default: 2000,
			description: 'A response slower than this is a warning; no response, a wrong status or missing text is critical',
		},
		{ displayName: 'Timeout (Seconds)', name: 'timeoutSeconds', type: 'number', typeOptions: { minValue: 1 }, default: 10 },
	],
	request: readEndpoint,
	read: ({ number, thresholds }) => ({
		label: 'Response time',
		unit: ' ms',
		source: { kind: 'endpoint' },
		thresholds: thresholds({ condition: 'above', warning: number('slowAboveMs') }),
	}),
};

function readEndpoint(raw: RawCheck, name: string): EndpointSpec {
	const url = String(raw.url ?? '').trim();
	if (!/^https?:\/\//i.test(url)) {
		throw new InvalidSettingError(`Checks › ${name} › Endpoint URL`, 'must start with http:// or https://');
	}
	return {
		check: name,
		url,
		expectedStatus: statusMatcher(String(raw.expectedStatus ?? '2xx'), name),
		bodyContains: String(raw.bodyContains ?? ''),
		timeoutMs: Math.max(1, (raw.timeoutSeconds as number | undefined) ?? 10) * 1000,
	};
}

/** "2xx", "200, 204" or "2xx, 301" into a test of a status code. */
function statusMatcher(text: string, name: string): (status: number) => boolean {
	const parts = listOf(text);
	const tests = parts.map((part) => {
		const family = /^([1-5])xx$/i.exec(part);
		if (family) return (status: number) => Math.floor(status / 100) === Number(family[1]);
		if (/^\d{3}$/.test(part)) return (status: number) => status === Number(part);
		throw new InvalidSettingError(`Checks › ${name} › Expected Status`, `"${part}" is not a status; use 2xx or codes such as 200, 204`);
	});
	if (tests.length === 0) throw new InvalidSettingError(`Checks › ${name} › Expected Status`, 'is empty; use 2xx or codes such as 200, 204');
	return (status) => tests.some((test) => test(status));
}
