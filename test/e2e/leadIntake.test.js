/**
 * The lead-intake template on a real n8n server: real-time replies, batch rows in the Data Table,
 * bad requests answered with a clear HTTP error and nothing stored, and a burst of 200 requests.
 */
const { TemplateServer, inParallel } = require('./templateServer');

jest.setTimeout(240_000);

const server = new TemplateServer();

beforeAll(async () => {
	await server.start();
	await server.importAndActivate('lead-intake-realtime.json');
});

afterAll(async () => {
	await server.close();
});

const payloadIds = async () => (await server.rows()).map((row) => JSON.parse(row.payload).requestId);

describe('lead intake on a real n8n server', () => {
	it('answers a new lead now, posts it to Slack, and stores nothing for it', async () => {
		const reply = await server.post('lead-intake', { eventType: 'form_submitted', email: 'ana@example.com', requestId: 'lead-1' });
		expect(reply).toMatchObject({ status: 200, json: { status: 'received', handling: 'now' } });
		// The reply comes first; Slack hears of the lead right after.
		await server.until(() => server.world.slackMessages().length > 0, 'the Slack post');
		expect(server.world.slackMessages()).toEqual([
			expect.objectContaining({ channel: '#alerts', text: expect.stringContaining(':zap: form_submitted from ana@example.com') }),
		]);
		expect(await payloadIds()).not.toContain('lead-1');
	});

	it('queues a report for tonight as one flat row in batch_queue', async () => {
		const reply = await server.post('lead-intake', { eventType: 'weekly_report', email: 'ops@example.com', requestId: 'report-1' });
		expect(reply).toMatchObject({ status: 200, json: { status: 'received', handling: 'next batch run' } });
		const rows = await server.rows();
		const row = rows.find((each) => JSON.parse(each.payload).requestId === 'report-1');
		expect(row).toMatchObject({
			eventType: 'weekly_report',
			source: 'lead intake',
			contact: 'ops@example.com',
			reason: expect.stringContaining('ready-made rule "Reporting"'),
		});
		expect(Date.parse(row.receivedAt)).toBeGreaterThan(Date.now() - 60_000);
	});

	describe('bad requests get a clear HTTP error and store nothing', () => {
		let rowsBefore;
		beforeAll(async () => {
			rowsBefore = (await server.rows()).length;
		});
		afterAll(async () => {
			expect((await server.rows()).length).toBe(rowsBefore);
		});

		it('a wrong API key: 403', async () => {
			const reply = await server.post('lead-intake', { eventType: 'weekly_report', requestId: 'bad-key' }, { apiKey: 'guessed' });
			expect(reply.status).toBe(403);
			expect(reply.text).toBe('Authorization data is wrong!');
		});

		it('no API key at all: 403', async () => {
			const reply = await server.post('lead-intake', { eventType: 'weekly_report', requestId: 'no-key' }, { apiKey: null });
			expect(reply.status).toBe(403);
		});

		it('a body that is not JSON: 422 saying so', async () => {
			const reply = await server.post('lead-intake', '{"eventType": "weekly_report",');
			expect(reply.status).toBe(422);
			expect(reply.json.message).toBe('Failed to parse request body');
		});

		it('no event type: 400 naming the missing field', async () => {
			const reply = await server.post('lead-intake', { email: 'ana@example.com', requestId: 'no-type' });
			expect(reply).toMatchObject({ status: 400, json: { status: 'rejected', error: '"body.eventType" in item 0 is required but missing or empty' } });
		});

		it('an empty event type: 400', async () => {
			const reply = await server.post('lead-intake', { eventType: '  ', requestId: 'blank-type' });
			expect(reply.status).toBe(400);
		});
	});

	it('answers every request of a burst of 200 (20 at a time) and stores each batch item exactly once', async () => {
		const slackBefore = server.world.slackMessages().length;
		const rowsBefore = await payloadIds();
		const kinds = ['weekly_report', 'crm_sync', 'form_submitted', 'log_archive', 'invoice_export'];
		const requests = Array.from({ length: 200 }, (_, index) => ({
			eventType: kinds[index % kinds.length],
			email: `user${index}@example.com`,
			requestId: `burst-${index}`,
		}));
		const started = Date.now();
		const replies = await inParallel(requests, 20, (body) => server.post('lead-intake', body));
		const seconds = (Date.now() - started) / 1000;

		expect(replies.map((reply) => reply.status)).toEqual(requests.map(() => 200));
		const queuedIds = requests.filter((_, index) => replies[index].json.handling === 'next batch run').map((body) => body.requestId);
		const nowIds = requests.filter((_, index) => replies[index].json.handling === 'now').map((body) => body.requestId);
		expect(queuedIds.length + nowIds.length).toBe(200);
		expect(nowIds.length).toBe(40); // form_submitted is a new lead; the other four kinds can wait

		const stored = (await payloadIds()).filter((id) => !rowsBefore.includes(id));
		expect(stored.sort()).toEqual([...queuedIds].sort());
		expect(new Set(stored).size).toBe(stored.length);
		await server.until(() => server.world.slackMessages().length - slackBefore >= nowIds.length, 'a Slack post per lead');
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(server.world.slackMessages().length - slackBefore).toBe(nowIds.length);
		expect(await server.leadOutboxRows()).toEqual([]);
		process.stdout.write(
			`burst: 200 requests at concurrency 20 in ${seconds.toFixed(1)} s; ${queuedIds.length} stored once each, ${nowIds.length} posted to Slack\n`,
		);
	});
});
