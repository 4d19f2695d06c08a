/**
 * The lead intake when Slack is slow or down, on a real n8n: the caller's reply never waits for
 * Slack, and a lead Slack refused waits in lead_outbox until a later run delivers it, once.
 */
'use strict';

const { TemplateServer, everySeconds } = require('./templateServer');
const { record } = require('../reliability/figures');

jest.setTimeout(300_000);

const FILE = 'lead-intake-realtime.json';
const server = new TemplateServer();
let slack = { delayMs: 0, down: false };
let refused = 0;
const delivered = [];

/**
 * The template with its retry path every 3 s, for leads Slack missed more than 15 s ago (as an
 * operator may tweak): longer than the slow Slack's 8 s, as the template's minute is longer than a post.
 */
const quick = (template) => {
	everySeconds(3)(template);
	template.nodes.find((node) => node.name === 'Leads not delivered yet').parameters.filters.conditions[0].keyValue =
		'={{ $now.minus({ seconds: 15 }).toISO() }}';
	for (const node of template.nodes) if (node.type === 'n8n-nodes-base.slack') node.waitBetweenTries = 500;
	return template;
};

beforeAll(async () => {
	await server.start();
	server.world.on('slack.com', async (request) => {
		if (slack.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, slack.delayMs));
		if (slack.down) {
			refused += 1;
			return { status: 200, json: { ok: false, error: 'invalid_auth' } };
		}
		delivered.push({ text: String(request.body.text), at: Date.now() });
		return { status: 200, json: { ok: true, channel: 'C0SALES', ts: `${Date.now() / 1000}`, message: { text: request.body.text } } };
	});
	await server.importAndActivate(FILE, quick);
});

afterAll(async () => {
	await server.close();
});

const postsAbout = (email) => delivered.filter((post) => post.text.includes(email));
const until = (condition, what, deadlineMs = 60_000) =>
	server.until(condition, what, { file: FILE, deadlineMs, context: () => `${refused} Slack calls refused, ${delivered.length} delivered` });

test('the reply does not wait for Slack: Slack answering after 8 s, the caller has its answer within a second', async () => {
	slack = { delayMs: 8000, down: false };
	const started = Date.now();
	const reply = await server.post('lead-intake', { eventType: 'form_submitted', email: 'slow@example.com' });
	const replyMs = Date.now() - started;
	expect(reply).toMatchObject({ status: 200, json: { status: 'received', handling: 'now' } });
	expect(replyMs).toBeLessThan(1000);
	await until(() => postsAbout('slow@example.com').length === 1, 'the Slack post');
	await until(async () => ((await server.leadOutboxRows()).length === 0 ? true : undefined), 'the lead removed from lead_outbox');
	// No second post: the retry path leaves a lead alone while its own post may still be under way.
	await new Promise((resolve) => setTimeout(resolve, 6000));
	expect(postsAbout('slow@example.com')).toHaveLength(1);
	record('Real traffic', 'Slack answering after 8 s (lead intake)', {
		'reply ms': replyMs,
		'posted to Slack after (s)': Math.round((postsAbout('slow@example.com')[0].at - started) / 100) / 10,
	});
	slack = { delayMs: 0, down: false };
});

test('Slack refusing (invalid_auth): the lead waits in lead_outbox, and reaches Slack once when Slack is back', async () => {
	slack = { delayMs: 0, down: true };
	const started = Date.now();
	const reply = await server.post('lead-intake', { eventType: 'form_submitted', email: 'outage@example.com', name: 'Ana' });
	const replyMs = Date.now() - started;
	expect(reply).toMatchObject({ status: 200, json: { status: 'received', handling: 'now' } });
	const kept = await until(async () => {
		const rows = await server.leadOutboxRows();
		return rows.some((row) => row.message.includes('outage@example.com')) && refused >= 2 ? rows : undefined;
	}, 'the refused lead kept in lead_outbox');
	expect(kept.filter((row) => row.message.includes('outage@example.com'))).toHaveLength(1);
	// The retry path tries too while Slack is down, and the lead stays.
	const refusedBefore = refused;
	await until(() => refused > refusedBefore, 'a retry refused');
	expect((await server.leadOutboxRows()).filter((row) => row.message.includes('outage@example.com'))).toHaveLength(1);
	expect(postsAbout('outage@example.com')).toEqual([]);

	slack = { delayMs: 0, down: false };
	const backAt = Date.now();
	await until(() => postsAbout('outage@example.com').length > 0, 'the lead posted once Slack is back');
	await until(async () => ((await server.leadOutboxRows()).length === 0 ? true : undefined), 'lead_outbox empty');
	// Three more retry runs: nothing is posted twice.
	await new Promise((resolve) => setTimeout(resolve, 9000));
	const posts = postsAbout('outage@example.com');
	expect(posts).toHaveLength(1);
	expect(posts[0].text).toMatch(/^:hourglass: Late, Slack refused it first \(.+\): :zap: form_submitted from outage@example.com: /);
	record('Real traffic', 'Slack refusing every post (invalid_auth) when a lead arrives', {
		'reply ms': replyMs,
		'Slack calls refused': refused,
		'delivered after Slack was back (s)': Math.round((posts[0].at - backAt) / 100) / 10,
		'leads posted twice': posts.length - 1,
		'leads lost': posts.length === 0 ? 1 : 0,
	});
});

test('a lead named <!channel> <https://evil.example|verify> reaches Slack as literal text: no ping, no disguised link', async () => {
	slack = { delayMs: 0, down: false };
	const name = '<!channel> <https://evil.example|verify>';
	const reply = await server.post('lead-intake', { eventType: 'form_submitted', name });
	expect(reply.status).toBe(200);
	await until(() => delivered.some((post) => post.text.includes('evil.example')), 'the Slack post');
	const [post] = delivered.filter((each) => each.text.includes('evil.example'));
	expect(post.text.startsWith(':zap: form_submitted from &lt;!channel&gt; &lt;https://evil.example|verify&gt;: ')).toBe(true);
	expect(post.text).not.toMatch(/<!channel>|<https:/);
});
