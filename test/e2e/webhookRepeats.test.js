/**
 * Senders retry webhooks (on a timeout, a 5xx, or just because they deliver at least once). On a
 * real n8n, the lead-intake and business-health templates let each event id through once: the
 * same event posted three times, at the same moment or one after another, pings Slack once and
 * queues one batch row; a repeat after the window (a day in the templates, seconds here) goes on
 * again; events without an id are never taken for repeats.
 */
'use strict';

const { TemplateServer, everySeconds, inParallel } = require('./templateServer');
const { readRows } = require('../../scripts/n8n/dataTables');
const { record } = require('../reliability/figures');

jest.setTimeout(300_000);

const LEAD = 'lead-intake-realtime.json';
const HEALTH = 'business-health.json';
const WINDOW_SECONDS = 20;
const server = new TemplateServer();
const posts = [];

/** Schedules every 2 s, deliveries forgotten after WINDOW_SECONDS instead of a day, as an operator may tweak the window. */
const quick = (template) => {
	everySeconds(2)(template);
	template.nodes.find((node) => node.name === 'Forget deliveries older than a day').parameters.filters.conditions[0].keyValue =
		`={{ $now.minus({ seconds: ${WINDOW_SECONDS} }).toISO() }}`;
	return template;
};

beforeAll(async () => {
	await server.start();
	server.world.on('slack.com', (request) => {
		posts.push(String(request.body.text));
		return { status: 200, json: { ok: true, channel: 'C0SALES', ts: `${Date.now() / 1000}`, message: { text: request.body.text } } };
	});
	server.world.on('payments.example.com', () => ({ status: 200, json: [] }));
	server.world.on('shop.example.com', () => ({ status: 200, text: 'ok' }));
	await server.importAndActivate(LEAD, quick);
	await server.importAndActivate(HEALTH, quick);
});

afterAll(async () => {
	await server.close();
});

const postsAbout = (text) => posts.filter((post) => post.includes(text));
const queuedRows = async (text) => (await server.rows()).filter((row) => row.payload.includes(text));
const deliveries = () => readRows(server.rest, server.webhookDeliveries.projectId, server.webhookDeliveries.id);
/** Lets the template's Slack posts and retry runs happen: what has not arrived by then is not coming. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 5000));
const lead = (body, eventId) => server.post('lead-intake', body, { headers: eventId ? { 'idempotency-key': eventId } : {} });

test('a lead sent three times at the same moment: one Slack post, one "now" reply, two "duplicate" replies', async () => {
	const replies = await inParallel([1, 2, 3], 3, () => lead({ eventType: 'form_submitted', email: 'same-moment@example.com' }, 'evt-moment-1'));
	expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200]);
	expect(replies.filter((reply) => reply.json.handling === 'now')).toHaveLength(1);
	expect(replies.filter((reply) => reply.json.duplicate === true)).toHaveLength(2);
	await settle();
	expect(postsAbout('same-moment@example.com')).toHaveLength(1);
	expect((await server.leadOutboxRows()).filter((row) => row.message.includes('same-moment@example.com'))).toEqual([]);
});

test('a lead sent three times one after another: the repeats get "duplicate", Slack hears once', async () => {
	const replies = [];
	for (let attempt = 0; attempt < 3; attempt += 1) replies.push(await lead({ eventType: 'form_submitted', email: 'in-a-row@example.com' }, 'evt-row-1'));
	expect(replies.map((reply) => reply.json)).toEqual([
		{ status: 'received', handling: 'now' },
		{ status: 'received', duplicate: true },
		{ status: 'received', duplicate: true },
	]);
	await settle();
	expect(postsAbout('in-a-row@example.com')).toHaveLength(1);
});

test('a batch event sent three times at once and twice more after: one row in batch_queue', async () => {
	const body = { eventType: 'weekly_report', email: 'report-repeat@example.com' };
	const replies = await inParallel([1, 2, 3], 3, () => lead(body, 'evt-report-1'));
	replies.push(await lead(body, 'evt-report-1'), await lead(body, 'evt-report-1'));
	expect(replies.filter((reply) => reply.json.handling === 'next batch run')).toHaveLength(1);
	expect(replies.filter((reply) => reply.json.duplicate === true)).toHaveLength(4);
	expect(await queuedRows('report-repeat@example.com')).toHaveLength(1);
});

test('the event id in the body (eventId / event_id) counts as well as the headers (Idempotency-Key / X-Event-Id)', async () => {
	const sent = [
		await server.post('lead-intake', { eventType: 'form_submitted', email: 'body-id@example.com', eventId: 'evt-body-1' }),
		await server.post('lead-intake', { eventType: 'form_submitted', email: 'body-id@example.com', eventId: 'evt-body-1' }),
		await server.post('lead-intake', { eventType: 'form_submitted', email: 'snake-id@example.com', event_id: 'evt-snake-1' }),
		await server.post('lead-intake', { eventType: 'form_submitted', email: 'snake-id@example.com', event_id: 'evt-snake-1' }),
		await server.post('lead-intake', { eventType: 'form_submitted', email: 'x-event@example.com' }, { headers: { 'x-event-id': 'evt-x-1' } }),
		await server.post('lead-intake', { eventType: 'form_submitted', email: 'x-event@example.com' }, { headers: { 'x-event-id': 'evt-x-1' } }),
	];
	expect(sent.map((reply) => reply.json.duplicate === true)).toEqual([false, true, false, true, false, true]);
	await settle();
	for (const email of ['body-id@example.com', 'snake-id@example.com', 'x-event@example.com']) expect(postsAbout(email)).toHaveLength(1);
});

test('events without an id are never taken for repeats: two identical leads without an id both reach Slack', async () => {
	const body = { eventType: 'form_submitted', email: 'no-id@example.com' };
	const replies = await inParallel([1, 2], 2, () => lead(body));
	expect(replies.map((reply) => reply.json)).toEqual([
		{ status: 'received', handling: 'now' },
		{ status: 'received', handling: 'now' },
	]);
	await settle();
	expect(postsAbout('no-id@example.com')).toHaveLength(2);
});

test('the same event id in two workflows is two events: each template keeps its own deliveries', async () => {
	await lead({ eventType: 'form_submitted', email: 'shared-id@example.com' }, 'evt-shared-1');
	const reply = await server.post('business-events', { type: 'payment failed', detail: 'shared-id order', eventId: 'evt-shared-1' });
	expect(reply.status).toBe(200);
	await settle();
	expect(postsAbout('shared-id@example.com')).toHaveLength(1);
	expect(postsAbout('shared-id order')).toHaveLength(1);
});

test('business health: a payment-failed event sent three times at once and once more later alerts once; a batch event queues one row', async () => {
	const alert = { type: 'payment failed', detail: 'order 7781 declined', eventId: 'evt-pay-7781' };
	const replies = await inParallel([1, 2, 3], 3, () => server.post('business-events', alert));
	expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200]);
	await server.post('business-events', alert);
	const batch = { type: 'report', detail: 'weekly numbers ready', source: 'bi', eventId: 'evt-report-42' };
	await inParallel([1, 2, 3], 3, () => server.post('business-events', batch));
	await settle();
	expect(postsAbout('order 7781 declined')).toHaveLength(1);
	expect(await queuedRows('weekly numbers ready')).toHaveLength(1);
	expect((await server.outboxRows()).filter((row) => row.message.includes('order 7781'))).toEqual([]);
});

test('ten rounds of three concurrent repeats: exactly one goes on each round (n8n Remove Duplicates let two through in 1 of 10 here)', async () => {
	const rounds = 10;
	let through = 0;
	let twice = 0;
	for (let round = 0; round < rounds; round += 1) {
		const replies = await inParallel([1, 2, 3], 3, () => lead({ eventType: 'form_submitted', email: `round-${round}@example.com` }, `evt-round-${round}`));
		const now = replies.filter((reply) => reply.json.handling === 'now').length;
		through += now;
		if (now > 1) twice += 1;
	}
	await settle();
	const postedPerRound = Array.from({ length: rounds }, (_, round) => postsAbout(`round-${round}@example.com`).length);
	expect(postedPerRound).toEqual(Array(rounds).fill(1));
	expect(through).toBe(rounds);
	record('Real traffic', 'The same webhook event 3 times at once, 10 rounds (lead intake)', {
		deliveries: rounds * 3,
		'went on': through,
		'rounds with a double': twice,
		'Slack posts': postedPerRound.reduce((sum, count) => sum + count, 0),
	});
});

test('after the window a repeat goes on again, and the old deliveries are gone from webhook_deliveries', async () => {
	const body = { eventType: 'form_submitted', email: 'window@example.com' };
	expect((await lead(body, 'evt-window-1')).json).toEqual({ status: 'received', handling: 'now' });
	expect((await lead(body, 'evt-window-1')).json).toEqual({ status: 'received', duplicate: true });
	const mine = (rows) => rows.filter((row) => row.eventId.endsWith('/evt-window-1'));
	expect(mine(await deliveries())).toHaveLength(2);
	await server.until(async () => (mine(await deliveries()).length === 0 ? true : undefined), 'the deliveries forgotten after the window', {
		file: LEAD,
		deadlineMs: (WINDOW_SECONDS + 30) * 1000,
	});
	expect((await lead(body, 'evt-window-1')).json).toEqual({ status: 'received', handling: 'now' });
	await settle();
	expect(postsAbout('window@example.com')).toHaveLength(2);
});
