/**
 * The built package, loaded the way n8n loads an installed community package: n8n-core's own
 * PackageDirectoryLoader reads package.json's n8n section, the node classes, codex and icons.
 */
process.env.N8N_LOG_LEVEL ??= 'silent';
const fs = require('node:fs');
const path = require('node:path');
const { PackageDirectoryLoader } = require('n8n-core');

const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');

let loader;
beforeAll(async () => {
	loader = new PackageDirectoryLoader(PACKAGE_ROOT);
	await loader.loadAll();
});

test('n8n finds every node listed in package.json under the package name', () => {
	const packageJson = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8'));
	expect(loader.packageName).toBe('n8n-nodes-realtime-batch');
	expect(Object.keys(loader.known.nodes)).toHaveLength(packageJson.n8n.nodes.length);
	expect(loader.known.nodes.latencyClassifier).toMatchObject({
		className: 'LatencyClassifier',
		sourcePath: 'dist/nodes/LatencyClassifier/LatencyClassifier.node.js',
	});
});

test('n8n finds the three credentials, with their icons, and the Google one is an OAuth2 credential', () => {
	expect(Object.keys(loader.known.credentials).sort()).toEqual(['realtimeBatchGoogleAdsOAuth2Api', 'realtimeBatchMetaAdsApi', 'realtimeBatchN8nApi']);
	const google = loader.types.credentials.find((credential) => credential.name === 'realtimeBatchGoogleAdsOAuth2Api');
	expect(google.extends).toEqual(['oAuth2Api']);
	// Developer tokens were sunset on 9 September 2026: optional, not required.
	expect(google.properties.find((property) => property.name === 'developerToken').required).toBeFalsy();
	// Meta ends v25.0 on 23 February 2027: new credentials start on v26.0.
	const meta = loader.types.credentials.find((credential) => credential.name === 'realtimeBatchMetaAdsApi');
	expect(meta.properties.find((property) => property.name === 'apiVersion')).toMatchObject({
		default: 'v26.0',
		hint: expect.stringContaining('23 February 2027'),
	});
	for (const credential of loader.types.credentials) {
		for (const icon of Object.values(credential.iconUrl)) {
			expect(fs.existsSync(path.join(PACKAGE_ROOT, icon.replace(/^icons\/n8n-nodes-realtime-batch\//, '')))).toBe(true);
		}
	}
});

test("no credential or node type name clashes with n8n's own (n8n-nodes-base 2.41.1): types are global by name", () => {
	// n8n's built-in Google Ads credential is named googleAdsOAuth2Api: a package credential of that name
	// would shadow it (breaking n8n's Google Ads node) or be shadowed.
	const builtInCredentials = Object.keys(require('n8n-nodes-base/dist/known/credentials.json'));
	const builtInNodes = Object.keys(require('n8n-nodes-base/dist/known/nodes.json'));
	expect(builtInCredentials).toContain('googleAdsOAuth2Api');
	expect(builtInCredentials.length).toBeGreaterThan(300);
	expect(Object.keys(loader.known.credentials).filter((name) => builtInCredentials.includes(name))).toEqual([]);
	// Node types are namespaced by package, but their short names should not read as n8n's either.
	expect(Object.keys(loader.known.nodes).filter((name) => builtInNodes.includes(name))).toEqual([]);
	// Credentials the nodes ask for are the package's own.
	const asked = loader.types.nodes.flatMap((node) => (node.credentials ?? []).map((credential) => credential.name));
	for (const name of asked) expect(Object.keys(loader.known.credentials)).toContain(name);
	// And their display names differ from n8n's, so the credential list is not ambiguous.
	const builtInDisplayNames = new Set(require('n8n-nodes-base/dist/types/credentials.json').map((credential) => credential.displayName));
	expect(builtInDisplayNames.has('Google Ads OAuth2 API')).toBe(true);
	for (const credential of loader.types.credentials) expect(builtInDisplayNames.has(credential.displayName)).toBe(false);
});

test('the Latency Classifier comes with its codex, themed icons and two named outputs', () => {
	const description = loader.types.nodes.find((node) => node.name.endsWith('latencyClassifier'));
	expect(description.codex).toMatchObject({ categories: ['Utility'], alias: expect.arrayContaining(['Router', 'Real-Time', 'Batch']) });
	for (const icon of Object.values(description.iconUrl)) {
		expect(fs.existsSync(path.join(PACKAGE_ROOT, icon.replace(/^icons\/n8n-nodes-realtime-batch\//, '')))).toBe(true);
	}
	expect(Object.keys(description.iconUrl)).toEqual(['light', 'dark']);
	expect(description.outputNames).toEqual(['Real-Time', 'Batch']);
	expect(description.usableAsTool).toBe(true);
});

/** Templates are imported as new workflows: every node of `type` in them has the newest version. */
function expectTemplatesOnVersion(type, files, version) {
	for (const file of files) {
		const template = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'workflows', file), 'utf8'));
		const nodes = template.nodes.filter((node) => node.type === `n8n-nodes-realtime-batch.${type}`);
		expect({ file, count: nodes.length > 0 }).toEqual({ file, count: true });
		for (const node of nodes) expect({ file, typeVersion: node.typeVersion }).toEqual({ file, typeVersion: version });
	}
}

test.each([
	['latencyClassifier', ['lead-intake-realtime.json', 'business-health.json']],
	['cpaTracker', ['cpa-alerts.json', 'daily-ad-report.json']],
	['roasCalculator', ['roas-alerts.json', 'daily-ad-report.json']],
	['healthMonitor', ['business-health.json']],
])('%s has versions 1 and 2: a node dragged from the panel gets 2, saved workflows keep 1, its templates use 2', (type, files) => {
	const description = loader.types.nodes.find((node) => node.name === type);
	expect(description.version).toEqual([1, 2]);
	expect(description.defaultVersion).toBe(2);
	expectTemplatesOnVersion(type, files, 2);
});

test("the No-Conversion Limit shows only from the CPA Tracker's version 2", () => {
	const tracker = loader.types.nodes.find((node) => node.name === 'cpaTracker');
	const limit = tracker.properties.find((property) => property.name === 'noConversionMultiple');
	expect(limit).toMatchObject({ default: 1, displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } } });
	expect(tracker.properties.filter((property) => property.name === 'minSpend').map((property) => property.displayOptions.show['@version'])).toEqual([
		[1],
		[{ _cnd: { gte: 2 } }],
	]);
});

test.each([
	['roasCalculator', ['targetRoas', 'grossMarginPercent', 'criticalRoas', 'minSpend']],
	['cpaTracker', ['targetCpa', 'maximumCpa', 'minConversions', 'minSpend']],
])('%s: from version 2 on its thresholds take no expression over a row, and their hint says where a per-row value goes', (type, names) => {
	const { properties } = loader.types.nodes.find((node) => node.name === type);
	for (const name of names) {
		const variants = properties.filter((property) => property.name === name);
		expect({ name, versions: variants.map((property) => property.displayOptions.show['@version']) }).toEqual({ name, versions: [[1], [{ _cnd: { gte: 2 } }]] });
		expect({ name, v1: variants[0].noDataExpression, v2: variants[1].noDataExpression }).toEqual({ name, v1: undefined, v2: true });
		expect(variants[1].hint).toMatch(/^One (target|value) for all rows/);
	}
	const targetHints = properties.filter((property) => /^target(Roas|Cpa)$/.test(property.name) && property.hint).map((property) => property.hint);
	expect(targetHints).toEqual([expect.stringContaining('Options › Target Field')]);
});
