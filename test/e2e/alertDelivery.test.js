/**
 * Slack down when an alert fires, on a real n8n server: the business-health template keeps the
 * alert Slack refused in the Data Table alert_outbox, posts it again on a later run once Slack is
 * back, removes it, and the alert reaches Slack exactly once.
 */
const { TemplateServer, everySeconds } = require('./templateServer');
const { record } = require('../reliability/figures');

jest.setTimeout(300_000);

const FILE = 'business-health.json';
const server = new TemplateServer();
let slackDown = true;
let refused = 0;
let monitorRuns = 0;
const delivered = [];

/** Thirty payments in the last interval, 6 failed: 20%, critical above 10%. */
const failingPayments = () => {
	monitorRuns += 1;
	return Array.from({ length: 30 }, (_, index) => ({ id: `pay_${monitorRuns}_${index}`, status: index < 6 ? 'failed' : 'succeeded' }));
};

/** Every 5 seconds, and the notifier's retries a second apart instead of five (as a user may tweak). */
const quick = (template) => {
	everySeconds(5)(template);
	for (const node of template.nodes) if (node.type === 'n8n-nodes-base.slack') node.waitBetweenTries = 1000;
	return template;
};

const until = (condition, what, deadlineMs = 90_000) =>
	server.until(condition, what, { file: FILE, deadlineMs, context: () => `${monitorRuns} monitor runs, ${refused} Slack calls refused` });
const deliveredAlerts = () => delivered.filter((text) => text.includes('Payment failure rate'));

beforeAll(async () => {
	await server.start();
	server.world.on('slack.com', (request) => {
		if (slackDown) {
			refused += 1;
			return { status: 503, text: 'Service Unavailable' };
		}
		// n8n's Slack node adds an "Automated with this n8n workflow" line; the alert is the first.
		delivered.push(String(request.body.text).split('\n')[0]);
		return { status: 200, json: { ok: true, channel: 'C0ALERTS', ts: `${Date.now() / 1000}`, message: { text: request.body.text } } };
	});
	server.world.on('payments.example.com', () => ({ status: 200, json: failingPayments() }));
	server.world.on('shop.example.com', () => ({ status: 200, text: 'ok' }));
	await server.importAndActivate(FILE, quick);
});

afterAll(async () => {
	await server.close();
});

test('an alert Slack refused waits in alert_outbox and reaches Slack once, when Slack is back', async () => {
	const kept = await until(async () => {
		const rows = await server.outboxRows();
		return rows.some((row) => row.message.includes('Payment failure rate')) ? rows : undefined;
	}, 'the refused alert in alert_outbox');
	expect(deliveredAlerts()).toEqual([]);
	expect(kept.filter((row) => row.message.includes('Payment failure rate'))).toHaveLength(1);
	const [{ message }] = kept.filter((row) => row.message.includes('Payment failure rate'));
	expect(message).toMatch(/^CRITICAL Payment failure rate \(Payment failure rate\): Payment failure rate is 20%/);
	// Still down for two more runs: each posts it again, is refused, and the one row stays.
	const refusedBefore = refused;
	const runsAtKeep = monitorRuns;
	await until(() => monitorRuns >= runsAtKeep + 2 && refused >= refusedBefore + 2, 'two more refused runs');
	expect((await server.outboxRows()).map((row) => row.message)).toEqual([message]);
	const runsWhileDown = monitorRuns;

	slackDown = false;
	const slackBackAt = Date.now();
	await until(() => deliveredAlerts().length > 0, 'the alert posted again once Slack is back');
	const delayMs = Date.now() - slackBackAt;
	await until(async () => ((await server.outboxRows()).length === 0 ? true : undefined), 'the delivered alert removed from alert_outbox');
	// Two more runs: nothing is posted twice, the outbox stays empty.
	const runsThen = monitorRuns;
	await until(() => monitorRuns >= runsThen + 2, 'two more monitor runs');
	expect(deliveredAlerts()).toEqual([message]);
	expect(await server.outboxRows()).toEqual([]);
	record('Alert delivery', 'Slack down when an alert fires (business-health, real n8n)', {
		'monitor runs while Slack was down': runsWhileDown,
		'Slack calls refused': refused,
		'alerts kept in alert_outbox': kept.length,
		'delivered after Slack was back (s)': Math.round(delayMs / 100) / 10,
		'alerts delivered twice': deliveredAlerts().length - 1,
		'alerts lost': deliveredAlerts().length === 0 ? 1 : 0,
	});
});
