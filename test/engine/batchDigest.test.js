/**
 * The Batch Digest inside n8n's engine: queue rows in, messages within the budget out with the ids
 * they cover, the summary, the top-lines choice, and bad rows under each On Error setting.
 */
const { runWorkflow, triggerThenNode } = require('./harness');

const NODE = 'Digest';
const digest = (parameters = {}, settings = {}) => triggerThenNode({ type: 'batchDigest', name: NODE, trigger: 'Queue', parameters, settings });

/** batch_queue rows as the real-time templates write them. */
const queued = (count) =>
	Array.from({ length: count }, (_, index) => ({
		id: index + 1,
		eventType: index % 2 === 0 ? 'report' : 'data sync',
		source: 'lead intake',
		contact: `lead-${index + 1}@example.com`,
		reason: `Matched rule "reporting": can wait for the nightly batch (queued ${index + 1})`,
		receivedAt: `2026-12-01T${String(8 + (index % 10)).padStart(2, '0')}:15:00.000Z`,
	}));

test('1,000 queued rows: Slack-sized messages, every row in exactly one, each message with its ids and paired items', async () => {
	const result = await runWorkflow({
		workflow: digest({ line: '• {eventType} ({contact}): {reason}', options: { groupField: 'eventType', periodField: 'receivedAt', timezone: 'UTC' } }),
		pinData: { Queue: queued(1000) },
	});
	const [messages, leftOut] = result.outputsOf(NODE);
	expect(leftOut).toEqual([]);
	expect(messages.length).toBeGreaterThan(1);
	for (const { json } of messages) expect(json.message.length).toBeLessThanOrEqual(40_000);
	expect(messages.flatMap(({ json }) => json.ids)).toEqual(Array.from({ length: 1000 }, (_, index) => index + 1));
	expect(messages.flatMap(({ json }) => json.idRanges)).toEqual(messages.map(({ json }) => ({ from: json.ids[0], to: json.ids[json.ids.length - 1] })));
	expect(messages.map(({ pairedItem }) => pairedItem.length)).toEqual(messages.map(({ json }) => json.lineCount));
	expect(messages[0].json).toMatchObject({
		part: 1,
		parts: messages.length,
		itemCount: 1000,
		counts: { report: 500, 'data sync': 500 },
		total: null,
		from: '2026-12-01T08:15:00Z',
		to: '2026-12-01T17:15:00Z',
	});
	expect(messages[0].json.message.split('\n').slice(0, 3)).toEqual([
		`*Batch digest* (1/${messages.length})`,
		'1,000 items, 2026-12-01T08:15:00Z to 2026-12-01T17:15:00Z',
		'By eventType: data sync 500, report 500',
	]);
});

test('the top lines only: one message, "… and N more", the rest on Left Out and so never deleted', async () => {
	const result = await runWorkflow({ workflow: digest({ overflow: 'top', maxLines: 25, budget: 'slackSection' }), pinData: { Queue: queued(100) } });
	const [[message], leftOut] = result.jsonOutputsOf(NODE);
	expect(message.message.length).toBeLessThanOrEqual(3000);
	expect(message.ids).toEqual(Array.from({ length: message.lineCount }, (_, index) => index + 1));
	expect(message.lineCount).toBeLessThanOrEqual(25);
	expect(message.message.endsWith(`… and ${100 - message.lineCount} more, not listed here`)).toBe(true);
	expect(leftOut.map((json) => json.id)).toEqual(Array.from({ length: 100 - message.lineCount }, (_, index) => message.lineCount + index + 1));
	expect(leftOut[0].reason).toMatch(/stays for the next run/);
});

describe('bad rows', () => {
	const rows = () => [
		...queued(2),
		{ id: 3, eventType: 'report', source: 'x' },
		...queued(5).slice(3),
		{ id: 9, eventType: 'report', reason: 'r', amount: 'lots' },
	];

	test('stop the node, naming the item and the field', async () => {
		const result = await runWorkflow({ workflow: digest(), pinData: { Queue: rows() } });
		expect(result.error.message).toBe('"reason" in item 2 is missing, and the line template uses it');
	});

	test('with Continue: go to Left Out with their error, and the messages skip them (ids and spans)', async () => {
		const result = await runWorkflow({
			workflow: digest({ options: { moneyField: 'amount' } }, { onError: 'continueRegularOutput' }),
			pinData: { Queue: rows() },
		});
		const [[message], leftOut] = result.jsonOutputsOf(NODE);
		expect(leftOut.map((json) => [json.id, json.error])).toEqual([
			[3, '"reason" in item 2 is missing, and the line template uses it'],
			[9, '"amount" in item 5 is "lots", which is not an amount'],
		]);
		expect(message.ids).toEqual([1, 2, 4, 5]);
		expect(message.idRanges).toEqual([
			{ from: 1, to: 2 },
			{ from: 4, to: 5 },
		]);
		expect(message.total).toBe(0);
	});

	test('with Continue (using error output): on the error output, with their data', async () => {
		const result = await runWorkflow({ workflow: digest({}, { onError: 'continueErrorOutput' }), pinData: { Queue: rows().slice(0, 5) } });
		const outputs = result.jsonOutputsOf(NODE);
		expect(outputs[0][0].ids).toEqual([1, 2, 4, 5]);
		expect(outputs[2].map((json) => [json.id, json.error])).toEqual([[3, '"reason" in item 2 is missing, and the line template uses it']]);
	});

	test('a bad setting names the parameter; with Continue every item goes to Left Out carrying it', async () => {
		const stopped = await runWorkflow({ workflow: digest({ line: 'no fields here' }), pinData: { Queue: queued(2) } });
		expect(stopped.error.message).toBe('Line: The line names no field: put one in braces, as {eventType}');
		const custom = await runWorkflow({ workflow: digest({ budget: 'custom', maxCharacters: 50 }), pinData: { Queue: queued(2) } });
		expect(custom.error.message).toBe('Maximum Characters: must be at least 200, to hold the title, the summary and a line');
		const goOn = await runWorkflow({
			workflow: digest({ options: { timezone: 'Mars/Olympus' } }, { onError: 'continueRegularOutput' }),
			pinData: { Queue: queued(2) },
		});
		const [messages, leftOut] = goOn.jsonOutputsOf(NODE);
		expect(messages).toEqual([]);
		expect(leftOut.map((json) => json.error)).toEqual(Array(2).fill('Options › Timezone: "Mars/Olympus" is not a timezone; use a name such as Europe/Berlin'));
	});
});
