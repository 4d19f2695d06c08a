/**
 * Real event names, as payment, CRM, e-commerce, ad platform, status page, monitoring and support desk
 * systems send them (test/corpus/eventNames.json, each with the one-hour route and why), through a
 * Latency Classifier as dragged from the panel: every ready-made rule on, unmatched items to Batch.
 */
const { runWorkflow, triggerThenNode } = require('./harness');
const corpus = require('../corpus/eventNames.json');

const CLASSIFIER = 'Latency Classifier';

async function routeCorpus(typeVersion) {
	const workflow = triggerThenNode({
		type: 'latencyClassifier',
		name: CLASSIFIER,
		parameters: { timezone: 'UTC', mode: 'rules', eventTypeField: 'event' },
		typeVersion,
	});
	const items = corpus.map((entry, index) => ({ index, event: entry.name }));
	const result = await runWorkflow({ workflow, pinData: { Input: items }, at: '2026-12-03T10:00:00Z' });
	expect(result.error).toBeUndefined();
	const [realTime, batch] = result.jsonOutputsOf(CLASSIFIER);
	const routed = new Map([...realTime.map((json) => [json.index, json]), ...batch.map((json) => [json.index, json])]);
	expect(routed.size).toBe(corpus.length);
	const misrouted = corpus
		.map((entry, index) => ({ entry, decision: routed.get(index).latency }))
		.filter(({ entry, decision }) => decision.route !== entry.route)
		.map(({ entry, decision }) => `${entry.source} "${entry.name}": expected ${entry.route}, got ${decision.route} (${decision.rule ?? 'no rule'})`);
	const share = (100 * (corpus.length - misrouted.length)) / corpus.length;
	process.stdout.write(
		`Event-name corpus, Latency Classifier version ${typeVersion}: ${corpus.length - misrouted.length} of ${corpus.length} routed as expected (${share.toFixed(1)}%)\n`,
	);
	return { misrouted, share };
}

describe('the event-name corpus', () => {
	it('holds at least 200 names from public catalogues, each with a route and why, no name twice', () => {
		expect(corpus.length).toBeGreaterThanOrEqual(200);
		for (const entry of corpus) {
			expect(entry).toEqual({
				name: expect.any(String),
				source: expect.any(String),
				catalogue: expect.stringMatching(/^https:\/\//),
				route: expect.stringMatching(/^(realTime|batch)$/),
				why: expect.any(String),
			});
		}
		expect(new Set(corpus.map((entry) => `${entry.source} ${entry.name}`)).size).toBe(corpus.length);
		const sources = new Set(corpus.map((entry) => entry.source));
		expect(sources.size).toBeGreaterThanOrEqual(20);
	});

	it('version 2 routes every name as the one-hour test says', async () => {
		const { misrouted, share } = await routeCorpus(2);
		expect(misrouted).toEqual([]);
		expect(share).toBe(100);
	});

	it('version 1 (saved workflows) keeps its routing, which misses many of them', async () => {
		const { misrouted } = await routeCorpus(1);
		expect(misrouted.length).toBeGreaterThan(0);
		// Version 1 matches no ad-platform status and no past tense.
		expect(misrouted).toEqual(
			expect.arrayContaining([
				expect.stringContaining('"DISAPPROVED": expected realTime, got batch'),
				expect.stringContaining('"Signed Up": expected realTime, got batch'),
			]),
		);
	});
});
