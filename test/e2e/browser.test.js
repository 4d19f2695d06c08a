/**
 * The editor as a user sees it: a real n8n 2.41.1 with this package installed as a community
 * package, driven in headless Chromium (Debian's package, see scripts/browser/ensureChromium.js)
 * by playwright-core.
 *
 * - logs in through the sign-in form;
 * - finds each of the six nodes by search in the node panel;
 * - opens each of the seven templates, with the credentials they name attached, and checks that
 *   every node is on the canvas, that no node shows an issue or warning marker and that every
 *   sticky note shows all of its text;
 * - proves the marker check can fail: a copy of a template whose Slack node has no credential
 *   must show the marker on exactly that node;
 * - opens the Latency Classifier's parameter panel;
 * - imports roas-alerts.json from its file, as a user does, with no credential and no Data Table
 *   for it, executes the ROAS Calculator's step on the sample rows pinned in the template and reads
 *   its output branches in the editor and in the execution n8n saved;
 * - executes the Automation Audit's step on this instance (one item per workflow) and reads its
 *   verdicts in the editor and in the execution n8n saved.
 *
 * Screenshots go to reports/screenshots/ (git-ignored) on every run; with
 * UPDATE_DOCS_SCREENSHOTS=1 the ones the README shows are copied to docs/screenshots/ too.
 */
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium, selectors } = require('playwright-core');
const { ROOT, installPackageInto } = require('../../scripts/n8n/runtime');
const { startN8n } = require('../../scripts/n8n/server');
const { N8nRest, OWNER } = require('../../scripts/n8n/rest');
const { ensureTemplateTables } = require('../../scripts/n8n/dataTables');
const { TEMPLATE_FOLDER, loadTemplate, withCredentials } = require('../../scripts/n8n/templates');
const { CHROMIUM_PATH } = require('../../scripts/browser/ensureChromium');
const { startOutsideWorld } = require('./standIns/outsideWorld');
const { parse: parseFlatted } = require(path.join(ROOT, '.n8n-runtime', 'node_modules', 'flatted'));

const SCREENSHOTS = path.join(ROOT, 'reports', 'screenshots');
const DOCS_SCREENSHOTS = path.join(ROOT, 'docs', 'screenshots');
const UPDATE_DOCS = process.env.UPDATE_DOCS_SCREENSHOTS === '1';

/** Screenshots the README shows: reports name → docs name. */
const DOCS_SHOTS = {
	'template-lead-intake-realtime.png': 'lead-intake-canvas.png',
	'template-business-health.png': 'business-health-canvas.png',
	'latency-classifier-parameters.png': 'latency-classifier-parameters.png',
	'node-panel-search-latency-classifier.png': 'node-panel-search.png',
	'sample-run-roas-alerts.png': 'roas-sample-run.png',
	'automation-audit-output.png': 'automation-audit-output.png',
};

/**
 * Every marker n8n 2.41's canvas puts on a node that needs attention (CanvasNodeStatusIcons):
 * parameter or credential issues, "setup required", a node type that is not installed, a node
 * the user may not use, "parameters changed since the last run", and the same for node groups.
 */
const MARKERS = [
	'node-issues',
	'node-setup-required',
	'node-not-installed',
	'node-restricted',
	'canvas-node-status-warning',
	'canvas-node-group-status-issues',
];
const MARKER_SELECTOR = MARKERS.map((id) => `[data-test-id="${id}"]`).join(', ');

/** Search text → the display name that must be among the results. */
const SEARCHES = [
	['Latency Classifier', 'Latency Classifier'],
	['ROAS', 'ROAS Calculator'],
	['CPA', 'CPA Tracker'],
	['Health Monitor', 'Health Monitor'],
	['Ad Metrics', 'Ad Metrics'],
	['Automation Audit', 'Automation Audit'],
];

const TEMPLATE_FILES = fs
	.readdirSync(TEMPLATE_FOLDER)
	.filter((file) => file.endsWith('.json'))
	.sort();

const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** The credentials the templates name; fake secrets, nothing is called. */
const CREDENTIALS = {
	httpHeaderAuth: { name: 'Webhook header', data: { name: 'X-Webhook-Token', value: 'browser-test-token' } },
	slackApi: { name: 'Slack bot', data: { accessToken: 'xoxb-browser-test' } },
	realtimeBatchMetaAdsApi: { name: 'Meta Ads', data: { accessToken: 'meta-browser-test', apiVersion: 'v25.0' } },
	// Not connected: the OAuth2 flow needs Google. n8n 2.41 shows no marker for that on the canvas
	// or in the node's panel (it checks that a credential is chosen and exists, not its token).
	realtimeBatchGoogleAdsOAuth2Api: {
		name: 'Google Ads',
		data: { clientId: 'browser-test.apps.googleusercontent.com', clientSecret: 'browser-test', developerToken: 'browser-test' },
	},
};

const nodeNames = (workflow) => workflow.nodes.filter((node) => node.type !== 'n8n-nodes-base.stickyNote').map((node) => node.name);

describe('the n8n editor in headless Chromium', () => {
	let userFolder;
	let world;
	let n8n;
	let browser;
	let page;
	const workflowIds = {};
	let canaryId;
	let created;

	async function screenshot(name) {
		const file = path.join(SCREENSHOTS, name);
		await page.screenshot({ path: file });
		if (UPDATE_DOCS && DOCS_SHOTS[name]) fs.copyFileSync(file, path.join(DOCS_SCREENSHOTS, DOCS_SHOTS[name]));
		return file;
	}

	/** Opens a workflow on the canvas and waits until its nodes are drawn. */
	async function openWorkflow(id, expectedNodes) {
		await page.goto(`${n8n.baseUrl}/workflow/${id}`);
		await page.locator('[data-test-id="canvas-node"]').first().waitFor({ state: 'visible', timeout: 60_000 });
		await page.waitForFunction((count) => document.querySelectorAll('[data-test-id="canvas-node"]').length >= count, expectedNodes, {
			timeout: 30_000,
		});
		// Markers appear once node types and credentials are loaded; let the canvas settle.
		await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => {});
		await page.waitForTimeout(1_000);
	}

	/** { node name: [marker test ids] } for every node on the canvas. */
	function markersByNode() {
		return page.$$eval(
			'[data-test-id="canvas-node"]',
			(nodes, markers) =>
				Object.fromEntries(nodes.map((node) => [node.getAttribute('data-node-name'), markers.filter((id) => node.querySelector(`[data-test-id="${id}"]`))])),
			MARKERS,
		);
	}

	beforeAll(async () => {
		fs.mkdirSync(SCREENSHOTS, { recursive: true });
		userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'browser-test-n8n-'));
		installPackageInto(userFolder);
		world = await startOutsideWorld();
		n8n = await startN8n({ userFolder, extraEnv: world.env, logFile: path.join(userFolder, 'n8n.log') });

		const rest = new N8nRest(n8n.baseUrl);
		await rest.ownerSession();
		await ensureTemplateTables(rest);
		created = {};
		for (const [type, { name, data }] of Object.entries(CREDENTIALS)) created[type] = await rest.createCredential(name, type, data);
		// The audit reads this instance for real: a key of the owner with the scopes it needs.
		const auditKey = await rest.createApiKey(`browser audit ${Date.now()}`, ['workflow:list', 'execution:list']);
		created.realtimeBatchN8nApi = await rest.createCredential('This n8n (audit)', 'realtimeBatchN8nApi', { apiKey: auditKey, baseUrl: n8n.baseUrl });
		for (const file of TEMPLATE_FILES) workflowIds[file] = (await rest.createWorkflow(withCredentials(loadTemplate(file), created))).id;
		const lead = loadTemplate('lead-intake-realtime.json');
		const canary = withCredentials(lead, created, { skipNode: 'Tell sales now' });
		canaryId = (await rest.createWorkflow({ ...canary, name: 'Canary: lead intake, Slack node without its credential' })).id;

		selectors.setTestIdAttribute('data-test-id');
		browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
		page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		page.setDefaultTimeout(30_000);
	}, 240_000);

	afterAll(async () => {
		await browser?.close().catch(() => {});
		await n8n?.stop();
		await world?.close();
		if (userFolder) fs.rmSync(userFolder, { recursive: true, force: true });
	}, 60_000);

	test('logs in through the sign-in form', async () => {
		await page.goto(`${n8n.baseUrl}/signin`);
		await page.locator('[data-test-id="emailOrLdapLoginId"] input').fill(OWNER.email);
		await page.locator('[data-test-id="password"] input').fill(OWNER.password);
		await screenshot('signin.png');
		await page.getByTestId('form-submit-button').click();
		await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 60_000 });
		await page.getByTestId('project-home-menu-item').waitFor({ state: 'visible' });
		expect(new URL(page.url()).pathname).not.toMatch(/signin/);
		await screenshot('home.png');
	}, 120_000);

	test('the node panel finds each node of the package by search', async () => {
		const lead = loadTemplate('lead-intake-realtime.json');
		await openWorkflow(workflowIds['lead-intake-realtime.json'], nodeNames(lead).length);
		const found = {};
		for (const [query, displayName] of SEARCHES) {
			const search = page.getByTestId('node-creator-search-bar');
			if (!(await search.isVisible())) {
				await page.getByTestId('node-creator-plus-button').click();
				await search.waitFor({ state: 'visible' });
			}
			await search.fill(query);
			const item = page
				.getByTestId('node-creator-node-item')
				.filter({ has: page.getByTestId('node-creator-item-name').getByText(displayName, { exact: true }) });
			await item
				.first()
				.waitFor({ state: 'visible', timeout: 15_000 })
				.catch(() => {});
			const icon = (await item.count()) > 0 ? await item.first().locator('img').first().getAttribute('src') : null;
			found[query] = { count: await item.count(), icon };
			await screenshot(`node-panel-search-${query.toLowerCase().replace(/\s+/g, '-')}.png`);
		}
		for (const [query, displayName] of SEARCHES) {
			expect({ query, displayName, count: found[query].count }).toEqual({ query, displayName, count: 1 });
			// The icon is served from this package: it is our node, not a namesake.
			expect(found[query].icon).toContain('/icons/n8n-nodes-realtime-batch/');
		}
		await page.keyboard.press('Escape');
	}, 180_000);

	test.each(TEMPLATE_FILES)(
		'template %s: every node on the canvas, none with a warning, sticky notes show all their text',
		async (file) => {
			const template = loadTemplate(file);
			await openWorkflow(workflowIds[file], nodeNames(template).length);
			await screenshot(`template-${file.replace(/\.json$/, '')}.png`);

			const markers = await markersByNode();
			expect(Object.keys(markers).sort()).toEqual(nodeNames(template).sort());
			const flagged = Object.fromEntries(Object.entries(markers).filter(([, ids]) => ids.length > 0));
			expect(flagged).toEqual({});
			expect(await page.locator(MARKER_SELECTOR).count()).toBe(0);

			// A sticky note taller than its box hides its last lines (overflow: hidden).
			const clipped = await page.$$eval('[data-test-id="sticky"]', (stickies) =>
				stickies
					.filter((sticky) =>
						[sticky, ...sticky.querySelectorAll('*')].some(
							(element) => getComputedStyle(element).overflowY === 'hidden' && element.scrollHeight > element.clientHeight + 1,
						),
					)
					.map((sticky) => sticky.innerText.split('\n')[0]),
			);
			expect(clipped).toEqual([]);
			expect(await page.getByTestId('sticky').count()).toBe(template.nodes.length - nodeNames(template).length);
		},
		120_000,
	);

	test('the warning check can fail: a Slack node without its credential is flagged, and only that node', async () => {
		const lead = loadTemplate('lead-intake-realtime.json');
		await openWorkflow(canaryId, nodeNames(lead).length);
		await page.locator('[data-test-id="canvas-node"][data-node-name="Tell sales now"]').locator(MARKER_SELECTOR).first().waitFor({ state: 'visible' });
		await screenshot('canary-missing-slack-credential.png');
		const markers = await markersByNode();
		const flagged = Object.fromEntries(Object.entries(markers).filter(([, ids]) => ids.length > 0));
		expect(flagged).toEqual({ 'Tell sales now': ['node-issues'] });
	}, 120_000);

	test("the Latency Classifier's parameter panel opens on the lead-intake template", async () => {
		const lead = loadTemplate('lead-intake-realtime.json');
		const classifier = lead.nodes.find((node) => node.type === 'n8n-nodes-realtime-batch.latencyClassifier');
		await openWorkflow(workflowIds['lead-intake-realtime.json'], nodeNames(lead).length);
		await page.locator(`[data-test-id="canvas-node"][data-node-name="${classifier.name}"]`).dblclick();
		const ndv = page.getByTestId('ndv');
		await ndv.waitFor({ state: 'visible' });
		for (const parameter of ['mode', 'readyMadeRules', 'eventTypeField']) {
			await ndv.getByTestId(`parameter-input-${parameter}`).first().waitFor({ state: 'visible' });
		}
		await page.waitForTimeout(500);
		await screenshot('latency-classifier-parameters.png');
		const panelText = await ndv.innerText();
		expect(panelText).toContain(classifier.name);
		expect(panelText).toContain('Decide By');
		expect(panelText).toContain('Ready-Made Rules');
		const eventTypeField = ndv.getByTestId('parameter-input-eventTypeField').locator('input, textarea').first();
		expect(await eventTypeField.inputValue()).toBe(classifier.parameters.eventTypeField);
		expect(await ndv.getByTestId('parameter-issues').count()).toBe(0);
		await page.getByTestId('ndv-close-button').click();
	}, 120_000);

	test('imported from its file with nothing connected, roas-alerts.json runs on its sample rows: Execute step shows alerts, an OK and an Insufficient Data item', async () => {
		const rest = new N8nRest(n8n.baseUrl);
		await rest.ownerSession();
		await page.goto(`${n8n.baseUrl}/workflow/new`);
		const input = page.getByTestId('workflow-import-input');
		await input.waitFor({ state: 'attached', timeout: 60_000 });
		await input.setInputFiles(path.join(TEMPLATE_FOLDER, 'roas-alerts.json'));
		const calculator = page.locator('[data-test-id="canvas-node"][data-node-name="ROAS vs target"]');
		await calculator.waitFor({ state: 'visible', timeout: 30_000 });
		await page.waitForURL((url) => /\/workflow\/(?!new)[^/]+/.test(url.pathname), { timeout: 30_000 });
		const workflowId = new URL(page.url()).pathname.split('/')[2];

		await calculator.hover();
		await page.locator('.vue-flow__node', { has: calculator }).getByTestId('execute-node-button').click();
		const deadline = Date.now() + 60_000;
		let execution;
		while (!execution && Date.now() < deadline) {
			const { results } = await rest.get(`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`);
			execution = results.find((each) => each.status === 'success' || each.status === 'error');
			if (!execution) await page.waitForTimeout(500);
		}
		expect(execution?.status).toBe('success');
		const { data } = await rest.get(`/executions/${execution.id}`);
		const { runData } = parseFlatted(data).resultData;
		// Only the step's own path ran: no Slack, no Data Table, no credential needed.
		expect(Object.keys(runData).sort()).toEqual(['Every 15 minutes', 'ROAS vs target', 'Today per campaign']);
		const [alerts, ok, insufficient] = runData['ROAS vs target'][0].data.main.map((items) => items.map((item) => item.json));
		expect(alerts.map((json) => json.message.split(':')[0])).toEqual(['[TEST] WARNING Retargeting (sample)', '[TEST] CRITICAL Prospecting (sample)']);
		expect(ok.map((json) => json.campaign)).toEqual(['Spring Sale (sample)']);
		expect(insufficient.map((json) => json.campaign)).toEqual(['Brand Awareness (sample)']);

		await calculator.dblclick();
		const ndv = page.getByTestId('ndv');
		await ndv.getByTestId('branches').waitFor({ state: 'visible' });
		const branches = await ndv.getByTestId('branches').locator('[data-test-id^="tab-"]').allInnerTexts();
		expect(branches.map((text) => text.trim())).toEqual(['Alert Branch (2 items)', 'OK Branch (1 item)', 'Insufficient Data Branch (1 item)']);
		expect(await ndv.getByTestId('output-panel').innerText()).toContain('Retargeting (sample)');
		await page.waitForTimeout(500);
		await screenshot('sample-run-roas-alerts.png');
		await page.getByTestId('ndv-close-button').click();
	}, 180_000);

	test('the Automation Audit executed on this instance lists every workflow with its verdict, in the editor and in the saved execution', async () => {
		const rest = new N8nRest(n8n.baseUrl);
		await rest.ownerSession();
		const weekly = loadTemplate('weekly-automation-audit.json');
		const audit = weekly.nodes.find((each) => each.type === 'n8n-nodes-realtime-batch.automationAudit');
		audit.parameters = { ...audit.parameters, workflows: 'all', output: 'workflows' };
		const { id } = await rest.createWorkflow({
			...withCredentials(weekly, { realtimeBatchN8nApi: created.realtimeBatchN8nApi }),
			name: 'Automation audit, one item per workflow',
		});
		// Two workflows an operator might have built, for the audit to find something.
		const at = (name, type, parameters, typeVersion, x) => ({ id: name, name, type, typeVersion, position: [x, 0], parameters });
		const twoNodes = (name, first, second) => ({
			name,
			nodes: [first, second],
			connections: { [first.name]: { main: [[{ node: second.name, type: 'main', index: 0 }]] } },
		});
		const hourly = at('Every hour', 'n8n-nodes-base.scheduleTrigger', { rule: { interval: [{ field: 'hours' }] } }, 1.2, 0);
		await rest.createWorkflow(twoNodes('Lead follow-up', hourly, at('Send the lead to the CRM', 'n8n-nodes-base.noOp', {}, 1, 220)));
		const orders = at('New order', 'n8n-nodes-base.webhook', { path: 'browser-orders', httpMethod: 'POST' }, 2, 0);
		await rest.createWorkflow(twoNodes('Order intake', orders, at('Reply to the customer', 'n8n-nodes-base.respondToWebhook', {}, 1.1, 220)));
		await openWorkflow(id, nodeNames(weekly).length);
		const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${audit.name}"]`);
		await node.hover();
		await page.locator('.vue-flow__node', { has: node }).getByTestId('execute-node-button').click();
		const deadline = Date.now() + 60_000;
		let execution;
		while (!execution && Date.now() < deadline) {
			const { results } = await rest.get(`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: id }))}`);
			execution = results.find((each) => each.status === 'success' || each.status === 'error');
			if (!execution) await page.waitForTimeout(500);
		}
		expect(execution?.status).toBe('success');
		const { data } = await rest.get(`/executions/${execution.id}`);
		const items = parseFlatted(data).resultData.runData[audit.name][0].data.main[0].map((item) => item.json);
		fs.writeFileSync(path.join(SCREENSHOTS, 'automation-audit-items.json'), `${JSON.stringify(items, null, 2)}\n`);
		const workflows = await rest.get('/workflows');
		expect(items.map((item) => item.workflow).sort()).toEqual(workflows.map((workflow) => workflow.name).sort());
		const verdictOf = (name) => items.find((item) => item.workflow === name)?.verdict;
		// The two real-time templates route with a Latency Classifier; the nightly batch and the daily report run once a day.
		expect(verdictOf(loadTemplate('lead-intake-realtime.json').name)).toBe('fine');
		expect(verdictOf(loadTemplate('daily-ad-report.json').name)).toBe('fine');
		expect(verdictOf('Automation audit, one item per workflow')).toBe('fine');
		expect(items[0]).toMatchObject({ workflow: 'Lead follow-up', verdict: 'batchedCannotWait', worstDelayMinutes: 60 });
		expect(verdictOf('Order intake')).toBe('fine');
		// The alert templates poll figures no event announces, every 15 minutes: fine, not "use a webhook".
		expect(verdictOf(loadTemplate('roas-alerts.json').name)).toBe('fine');
		expect(verdictOf(loadTemplate('cpa-alerts.json').name)).toBe('fine');
		for (const item of items) expect(item.reason.length).toBeGreaterThan(10);

		await node.dblclick();
		const ndv = page.getByTestId('ndv');
		const output = ndv.getByTestId('output-panel');
		await output.waitFor({ state: 'visible' });
		expect(await output.innerText()).toContain(`${items.length} items`);
		await output.getByText('JSON', { exact: true }).click();
		await output.getByText(items[0].reason.slice(0, 40)).first().waitFor({ state: 'visible' });
		await page.waitForTimeout(500);
		await screenshot('automation-audit-output.png');
		await page.getByTestId('ndv-close-button').click();
	}, 180_000);
});
