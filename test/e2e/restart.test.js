/**
 * Restarting a real n8n server (same user folder): activated workflows answer again, rows stored in
 * the Data Table are still there, and the Health Monitor carries on from its saved state: a check
 * that was pending before the restart fires at the first run after it, not the second.
 */
const { TemplateServer, everySeconds, sleep } = require('./templateServer');
const { record } = require('../reliability/figures');

jest.setTimeout(300_000);

const server = new TemplateServer();
const SCHEDULE_SECONDS = 10;
let paymentsServed = 0;
let failingPayments = true;

/** Thirty payments in the last interval; 6 failed (20%, critical above 10%) or none. */
function payments() {
	paymentsServed += 1;
	return Array.from({ length: 30 }, (_, index) => ({ id: `pay_${paymentsServed}_${index}`, status: failingPayments && index < 6 ? 'failed' : 'succeeded' }));
}

const until = (condition, what, deadlineMs = 60_000) =>
	server.until(condition, what, { file: 'business-health.json', deadlineMs, context: () => `${paymentsServed} monitor runs so far` });

const healthMessages = () =>
	server.world
		.slackMessages()
		.map((message) => message.text)
		.filter((text) => text.includes('Payment failure rate'));

beforeAll(async () => {
	await server.start();
	server.world.on('payments.example.com', () => ({ status: 200, json: payments() }));
	server.world.on('shop.example.com', () => ({ status: 200, text: 'ok' }));
	await server.importAndActivate('lead-intake-realtime.json');
	await server.importAndActivate('business-health.json', everySeconds(SCHEDULE_SECONDS));
});

afterAll(async () => {
	await server.close();
});

test('workflows, stored rows and the monitor state survive a restart', async () => {
	// Real-time events and queued ones, before the restart.
	expect((await server.post('business-events', { type: 'payment_failed', detail: 'card declined for order 1042' })).status).toBe(200);
	expect((await server.post('business-events', { type: 'weekly_report', source: 'bi' })).status).toBe(200);
	expect((await server.post('lead-intake', { eventType: 'crm_sync', requestId: 'before-restart' })).json).toEqual({
		status: 'received',
		handling: 'next batch run',
	});
	await until(() => server.world.slackMessages().some((message) => message.text.startsWith(':rotating_light: payment_failed')), 'the payment-failed alert');
	const rowsBefore = await until(async () => {
		const rows = await server.rows();
		return rows.length === 2 ? rows : undefined;
	}, 'two queued rows');
	expect(rowsBefore.map((row) => [row.source, row.eventType]).sort()).toEqual([
		['business events', 'weekly_report'],
		['lead intake', 'crm_sync'],
	]);

	// First monitor run: 20% failed payments, pending (two bad runs are needed). Stop right after it saved.
	await until(() => paymentsServed >= 1, 'the first monitor run', 30_000);
	const savedState = await until(
		async () => {
			// The Schedule Trigger keeps static data of its own: wait for the monitor's.
			const data = await server.staticData('business-health.json');
			return data['node:Health checks'] ? data : undefined;
		},
		'the monitor state to be saved',
		8_000,
	);
	expect(healthMessages()).toEqual([]);
	const runsBeforeRestart = paymentsServed;
	const stoppedAt = Date.now();
	await server.restart();
	const restartSeconds = (Date.now() - stoppedAt) / 1000;

	// After the restart: the same state, the same webhooks, the same rows.
	expect(await server.staticData('business-health.json')).toEqual(savedState);
	await server.waitForWebhook('lead-intake');
	expect((await server.post('lead-intake', { eventType: 'crm_sync', requestId: 'after-restart' })).status).toBe(200);
	const rowsAfter = await until(async () => {
		const rows = await server.rows();
		return rows.length === 3 ? rows : undefined;
	}, 'the row queued after the restart');
	expect(rowsAfter.slice(0, 2)).toEqual(rowsBefore);

	// The pending check fires at the first run after the restart: the state was not lost.
	const [alert] = await until(() => (healthMessages().length > 0 ? healthMessages() : undefined), 'the payment failure alert', 40_000);
	const runsAfterRestartAtAlert = paymentsServed - runsBeforeRestart;
	expect(alert).toMatch(/^CRITICAL Payment failure rate/);
	expect(runsAfterRestartAtAlert).toBe(1);

	// Healthy again: one resolved message, no repeat of the alert.
	failingPayments = false;
	await until(() => healthMessages().length >= 2, 'the resolved message', 60_000);
	await sleep(2000);
	expect(healthMessages()).toEqual([alert, expect.stringMatching(/^RESOLVED Payment failure rate/)]);

	record('Restarts', 'n8n stopped and started on the same user folder (SQLite)', {
		'restart (s)': Number(restartSeconds.toFixed(1)),
		'webhooks answering after': 'yes',
		'queued rows kept': `${rowsBefore.length} of ${rowsBefore.length}`,
		'monitor runs after restart until the pending check fired': runsAfterRestartAtAlert,
		'duplicate alerts': healthMessages().filter((text) => text.startsWith('CRITICAL')).length - 1,
	});
});
