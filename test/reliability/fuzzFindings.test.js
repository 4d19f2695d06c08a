/**
 * What the Latency Classifier fuzz (latencyClassifierFuzz.test.js) found, pinned down one case each,
 * through n8n's engine.
 */
'use strict';

const { runWorkflow, triggerThenNode } = require('../engine/harness');

const CLASSIFIER = 'Latency Classifier';
const run = (parameters, items, onError) =>
	runWorkflow({
		workflow: triggerThenNode({
			type: 'latencyClassifier',
			name: CLASSIFIER,
			parameters: { timezone: 'UTC', ...parameters },
			settings: onError ? { onError } : {},
		}),
		pinData: { Input: items.map((json) => ({ json })) },
		at: '2026-11-27T10:00:00Z',
	});
const rule = (fields) => ({ readyMadeRules: [], rules: { rule: [{ name: 'R', ...fields }] } });

describe('found by the fuzz', () => {
	it('reads only the item\'s own fields: "constructor" or "toString" is not on every item', async () => {
		for (const field of ['constructor', 'toString', '__proto__', 'meta.constructor']) {
			const result = await run(rule({ field, operator: 'exists' }), [{ meta: {} }, { [field]: 'here', meta: { constructor: 'x' } }]);
			const [realTime, batch] = result.jsonOutputsOf(CLASSIFIER);
			expect([field, realTime.length, batch.length]).toEqual([field, 1, 1]);
		}
	});

	it('puts the record in "latency" when the Decision Field Name is only spaces', async () => {
		const result = await run({ options: { decisionField: '   ' } }, [{ eventType: 'new_lead' }]);
		const [[item]] = result.jsonOutputsOf(CLASSIFIER);
		expect(Object.keys(item)).toEqual(['eventType', 'latency']);
	});

	it('rejects a due date too far out to be a date, instead of batching it with an empty dueAt', async () => {
		const result = await run({ mode: 'deadline', deadlineField: 'due' }, [{ due: 1e20 }, { due: '99999999999999999' }], 'continueRegularOutput');
		const [realTime, batch] = result.jsonOutputsOf(CLASSIFIER);
		expect(batch).toEqual([]);
		expect(realTime.map((json) => json.error)).toEqual([
			expect.stringMatching(/^"due" in item 0 is 100000000000000000000, which is not a date/),
			expect.stringMatching(/^"due" in item 1 is "99999999999999999", which is not a date/),
		]);
	});

	it('names the rule when a rule value from an expression cannot be compared', async () => {
		const oneOf = await run(rule({ field: 'tier', operator: 'isOneOf', value: '={{ $json.options }}' }), [{ tier: 'vip', options: { a: 1 } }]);
		expect(oneOf.error.message).toBe('"R › Value" in item 0 holds an object, not a value to compare; pick a field inside it');
		// an object whose toString is not a function made String() throw: "Item 0: Cannot convert object to primitive value"
		const atLeast = await run(rule({ field: 'amount', operator: 'greaterThanOrEqual', value: '={{ $json.limit }}' }), [
			{ amount: 5, limit: { toString: false } },
		]);
		expect(atLeast.error.message).toBe('"R › Value" in item 0 {"toString":false} is not a number, and "is at least" compares numbers');
	});

	it('stops on a cost of delay too large to compute, and writes huge numbers readably', async () => {
		const overflow = await run({ mode: 'costOfDelay', costField: 'cost', costMultiplier: 10 }, [{ cost: Number.MAX_VALUE }]);
		expect(overflow.error.message).toBe('"cost" in item 0 is 1.7976931348623157e+308; times 10 that is too large to be a cost');
		const huge = await run({ mode: 'costOfDelay', costField: 'cost', costThreshold: 5 }, [{ cost: 1e300 }]);
		const [[item]] = huge.jsonOutputsOf(CLASSIFIER);
		expect(item.latency.reason).toBe('A one-hour delay costs 1e+300 (cost), at or above the real-time threshold of 5.');
		expect(item.latency.delayCostAmount).toBe(1e300);
	});
});
