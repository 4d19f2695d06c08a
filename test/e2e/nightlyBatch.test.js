/**
 * The nightly batch at a day's volume, on a real n8n: 1,000 and then 10,000 rows in batch_queue,
 * the template's schedule sped up, and a Slack stand-in that, like Slack, keeps only the first
 * 40,000 characters of a text. Invariant: every deleted row is in a message Slack accepted in
 * full; a refused message deletes nothing of its rows, and the next run sends them.
 */
'use strict';

const { TemplateServer, everySeconds } = require('./templateServer');
const { record } = require('../reliability/figures');

jest.setTimeout(600_000);

const FILE = 'nightly-batch.json';
const SLACK_LIMIT = 40_000;
const server = new TemplateServer();
/** Every post Slack got: its text, whether it kept all of it, whether it refused it. */
let posts = [];
/** Posts to refuse, by their number among all posts (1-based). */
const refuse = new Set();

const emailOf = (ref) => `${ref}@queue.example`;

function queueRows(prefix, count) {
	return Array.from({ length: count }, (_, index) => ({
		eventType: ['report', 'data sync', 'newsletter', 'enrichment'][index % 4],
		source: 'lead intake',
		contact: emailOf(`${prefix}-${index}`),
		reason: `Matched the ready-made rule "Reporting": a one-hour delay costs nothing (customer ${prefix}-${index}).`,
		payload: JSON.stringify({ ref: `${prefix}-${index}` }),
		receivedAt: new Date(Date.parse('2026-12-01T08:00:00Z') + index * 1000).toISOString(),
	}));
}

async function fillQueue(rows) {
	// n8n inserts at most 500 rows per request.
	for (let start = 0; start < rows.length; start += 500) {
		await server.rest.post(`/projects/${server.table.projectId}/data-tables/${server.table.id}/insert`, {
			data: rows.slice(start, start + 500),
			returnType: 'count',
		});
	}
}

/** Which accepted-in-full posts name each e-mail. */
function deliveries() {
	const byEmail = new Map();
	for (const post of posts) {
		if (post.refused || post.text.length > SLACK_LIMIT) continue;
		for (const email of post.text.match(/[\w.-]+@queue\.example/g) ?? []) byEmail.set(email, (byEmail.get(email) ?? 0) + 1);
	}
	return byEmail;
}

beforeAll(async () => {
	await server.start();
	server.world.on('slack.com', (request) => {
		const text = String(request.body.text ?? '');
		const number = posts.length + 1;
		const refused = refuse.has(number);
		posts.push({ text, refused, at: Date.now() });
		if (refused) return { status: 503, text: 'Service Unavailable' };
		// Slack keeps the first 40,000 characters of a longer text and says nothing.
		return { status: 200, json: { ok: true, channel: 'C0DIGEST', ts: `${Date.now() / 1000}`, message: { text: text.slice(0, SLACK_LIMIT) } } };
	});
});

afterAll(async () => {
	await server.close();
});

async function drain(prefix, count, refusedPosts) {
	posts = [];
	refuse.clear();
	for (const number of refusedPosts) refuse.add(number);
	await fillQueue(queueRows(prefix, count));
	expect(await server.rows()).toHaveLength(count);
	const started = Date.now();
	const workflowId = await server.importAndActivate(FILE, everySeconds(8));
	// Until the queue is empty, and one more run after that sends nothing.
	await server.until(async () => ((await server.rows()).length === 0 ? true : undefined), `the ${count} rows drained`, {
		file: FILE,
		deadlineMs: 400_000,
		context: () => `${posts.length} posts`,
	});
	const drainedMs = Date.now() - started;
	const postsAtEmpty = posts.length;
	await new Promise((resolve) => setTimeout(resolve, 10_000));
	await server.rest.post(`/workflows/${workflowId}/deactivate`);
	const delivered = deliveries();
	const emails = queueRows(prefix, count).map((row) => row.contact);
	return { delivered, emails, drainedMs, postsAtEmpty };
}

test('1,000 rows: numbered messages within 40,000 characters; a refused message keeps its rows, the next run sends them', async () => {
	const { delivered, emails, postsAtEmpty } = await drain('day', 1000, [2]);
	expect(posts.every((post) => post.text.length <= SLACK_LIMIT)).toBe(true);
	// The first run's messages: "(1/N)" to "(N/N)", the first with the summary of all 1,000.
	expect(posts[0].text).toMatch(/^\*Nightly batch\* \(1\/\d+\)\n1,000 items, /);
	const firstRun = Number(posts[0].text.match(/^\*Nightly batch\* \(1\/(\d+)\)/)[1]);
	expect(firstRun).toBeGreaterThanOrEqual(4);
	expect(posts.slice(0, firstRun).map((post) => post.text.match(/^\*Nightly batch\* \((\d+)\//)[1])).toEqual(
		Array.from({ length: firstRun }, (_, index) => String(index + 1)),
	);
	// Every row reached Slack in full exactly once; the refused message's rows came again in a later run.
	expect(emails.filter((email) => delivered.get(email) !== 1)).toEqual([]);
	const refusedEmails = posts[1].text.match(/[\w.-]+@queue\.example/g);
	expect(refusedEmails.length).toBeGreaterThan(100);
	const later = posts.slice(firstRun);
	expect(later.length).toBeGreaterThan(0);
	// The refused rows, alone: the message that had them plus the summary may take two now.
	expect(later[0].text.split('\n').slice(0, 2)).toEqual([
		expect.stringMatching(/^\*Nightly batch\*( \(1\/[12]\))?$/),
		expect.stringMatching(new RegExp(`^${refusedEmails.length.toLocaleString('en-US')} items, `)),
	]);
	// Nothing after the queue was empty.
	expect(posts.length).toBe(postsAtEmpty);
	record('Nightly batch', '1,000 queued rows, Slack refusing message 2 of the first run', {
		'Slack posts': posts.length,
		refused: 1,
		'longest post (characters)': Math.max(...posts.map((post) => post.text.length)),
		'rows delivered in full': emails.filter((email) => delivered.get(email) === 1).length,
		// The queue is empty, so every row was deleted: those in no message Slack took in full went unseen.
		'rows deleted unseen': emails.filter((email) => !delivered.has(email)).length,
		'rows left': (await server.rows()).length,
	});
});

test('10,000 rows: drained in one run, every deleted row in a message Slack took in full', async () => {
	const { delivered, emails, drainedMs } = await drain('week', 10_000, []);
	expect(posts.every((post) => post.text.length <= SLACK_LIMIT)).toBe(true);
	expect(emails.filter((email) => delivered.get(email) !== 1)).toEqual([]);
	const parts = posts[0].text.match(/^\*Nightly batch\* \(1\/(\d+)\)/);
	expect(Number(parts?.[1])).toBe(posts.length);
	record('Nightly batch', '10,000 queued rows', {
		'Slack posts': posts.length,
		'longest post (characters)': Math.max(...posts.map((post) => post.text.length)),
		'rows delivered in full': emails.filter((email) => delivered.get(email) === 1).length,
		// The queue is empty, so every row was deleted: those in no message Slack took in full went unseen.
		'rows deleted unseen': emails.filter((email) => !delivered.has(email)).length,
		'seconds to drain (schedule every 8 s)': Math.round(drainedMs / 1000),
	});
});
