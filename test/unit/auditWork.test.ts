/**
 * What a workflow's work is, by the one-hour test (audit/work.ts): the Latency Classifier's ready-made
 * rules on its name, tags and node names, node types that can only mean one thing, sticky notes only
 * when nothing else says anything, and a Latency Classifier inside meaning it is split already.
 */
import { readWork } from '../../nodes/shared/audit/work';

const node = (name: string, type = 'n8n-nodes-base.set', extra: Record<string, unknown> = {}) => ({ name, type, parameters: {}, ...extra });
const sticky = (content: string) => ({ name: 'Note', type: 'n8n-nodes-base.stickyNote', parameters: { content } });
const routes = (reading: ReturnType<typeof readWork>) => ({
	realTime: reading.realTime.map((evidence) => `${evidence.what} @ ${evidence.where}`),
	batch: reading.batch.map((evidence) => `${evidence.what} @ ${evidence.where}`),
	split: reading.split,
});

describe('readWork', () => {
	it('reads the name by the ready-made rules', () => {
		expect(routes(readWork({ name: 'New lead follow-up', nodes: [] }))).toEqual({
			realTime: ['New lead or form submission @ name "New lead follow-up"'],
			batch: [],
			split: false,
		});
		expect(routes(readWork({ name: 'Weekly report', nodes: [] })).batch).toEqual(['Reporting @ name "Weekly report"']);
	});

	it('reads tags and node names, and knows node types that can only mean one thing', () => {
		const reading = readWork({
			name: 'Orders',
			tags: ['backup'],
			nodes: [
				node('Webhook', 'n8n-nodes-base.webhook'),
				node('Reply', 'n8n-nodes-base.respondToWebhook'),
				node('Build the CSV', 'n8n-nodes-base.convertToFile'),
			],
		});
		expect(routes(reading)).toEqual({
			realTime: ['replies to the caller @ node "Reply"'],
			batch: ['Backup @ tag "backup"', 'builds a file @ node "Build the CSV"'],
			split: false,
		});
	});

	it('a workflow with a Latency Classifier is split already', () => {
		expect(readWork({ name: 'Intake', nodes: [node('Now or tonight?', 'n8n-nodes-realtime-batch.latencyClassifier')] }).split).toBe(true);
		expect(readWork({ name: 'Intake', nodes: [node('Now or tonight?', 'n8n-nodes-realtime-batch.latencyClassifier', { disabled: true })] }).split).toBe(false);
	});

	it('ignores disabled nodes', () => {
		expect(routes(readWork({ name: 'Orders', nodes: [node('Reply', 'n8n-nodes-base.respondToWebhook', { disabled: true })] })).realTime).toEqual([]);
	});

	it('reads sticky notes only when nothing else says what the work is', () => {
		const notes = sticky('Posts the weekly report to the team.\nIf Slack is down, the alert waits.');
		expect(routes(readWork({ name: 'Untitled', nodes: [notes] })).batch).toContain('Reporting @ sticky note');
		const named = readWork({ name: 'New lead follow-up', nodes: [notes] });
		expect(routes(named)).toEqual({ realTime: ['New lead or form submission @ name "New lead follow-up"'], batch: [], split: false });
	});

	it('says nothing of work it cannot tell', () => {
		expect(routes(readWork({ name: 'My workflow', nodes: [node('Edit Fields'), node('HTTP Request', 'n8n-nodes-base.httpRequest')] }))).toEqual({
			realTime: [],
			batch: [],
			split: false,
		});
	});

	it('a Google Sheets node writing rows can wait; one reading rows (its default) says nothing', () => {
		const sheet = (operation?: string) => ({ name: 'Sheet', type: 'n8n-nodes-base.googleSheets', parameters: operation === undefined ? {} : { operation } });
		for (const operation of ['append', 'appendOrUpdate', 'update'])
			expect(routes(readWork({ name: 'Orders', nodes: [sheet(operation)] })).batch).toEqual(['writes rows to a sheet @ node "Sheet"']);
		for (const operation of [undefined, 'read', 'delete', 'clear']) expect(routes(readWork({ name: 'Orders', nodes: [sheet(operation)] })).batch).toEqual([]);
		// The operation of another node type is not a sheet's.
		expect(
			routes(readWork({ name: 'Orders', nodes: [{ name: 'Other', type: 'n8n-nodes-base.airtable', parameters: { operation: 'append' } }] })).batch,
		).toEqual([]);
	});

	it('the audit itself and the Batch Digest are batch work', () => {
		expect(
			routes(
				readWork({
					name: 'Weekly',
					nodes: [node('Audit', 'n8n-nodes-realtime-batch.automationAudit'), node('Digest', 'n8n-nodes-realtime-batch.batchDigest')],
				}),
			).batch,
		).toEqual(['audits the automations @ node "Audit"', 'builds a digest @ node "Digest"']);
	});

	it('a sticky note is read sentence by sentence and line by line, and a disabled one is not read', () => {
		const found = (content: string, disabled = false) =>
			routes(readWork({ name: 'Untitled', nodes: [{ ...sticky(content), ...(disabled ? { disabled: true } : {}) }] }));
		// Two sentences on one line: each is matched on its own, so both routes are found.
		expect(found('Sends the weekly report. Texts a new lead at once!')).toMatchObject({
			realTime: ['New lead or form submission @ sticky note'],
			batch: ['Reporting @ sticky note'],
		});
		expect(found('Sends the weekly report\nTexts a new lead at once')).toMatchObject({
			realTime: ['New lead or form submission @ sticky note'],
			batch: ['Reporting @ sticky note'],
		});
		expect(found('Backs up the orders? Yes')).toMatchObject({ batch: ['Backup @ sticky note'] });
		expect(found('Sends the weekly report', true)).toEqual({ realTime: [], batch: [], split: false });
		expect(routes(readWork({ name: 'Untitled', nodes: [{ name: 'Note', type: 'n8n-nodes-base.stickyNote' }] }))).toEqual({
			realTime: [],
			batch: [],
			split: false,
		});
	});

	it('tags and names are each one piece of evidence, in the order name, tags, nodes', () => {
		const reading = readWork({ name: 'Nightly backup', tags: ['reporting', 'sync'], nodes: [node('Enrich the contact', 'n8n-nodes-base.set')] });
		expect(reading.batch.map((evidence) => evidence.where)).toEqual(['name "Nightly backup"', 'tag "reporting"', 'tag "sync"', 'node "Enrich the contact"']);
		expect(reading.batch.every((evidence) => evidence.route === 'batch')).toBe(true);
		expect(reading.realTime).toEqual([]);
	});

	it('the ROAS Calculator, CPA Tracker and Health Monitor watch figures no event announces; disabled, they do not', () => {
		const watching = (type: string, extra = {}) => readWork({ name: 'Watch', nodes: [node('Judge', `n8n-nodes-realtime-batch.${type}`, extra)] }).watches;
		expect(watching('roasCalculator')).toEqual({ route: 'realTime', what: 'watches ROAS', where: 'node "Judge"' });
		expect(watching('cpaTracker')?.what).toBe('watches CPA');
		expect(watching('healthMonitor')?.what).toBe('watches business metrics');
		expect(watching('healthMonitor', { disabled: true })).toBeUndefined();
		expect(watching('batchDigest')).toBeUndefined();
		expect('watches' in readWork({ name: 'Watch', nodes: [] })).toBe(false);
	});
});
