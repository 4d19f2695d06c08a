import { DIGEST_BUDGETS } from '../../nodes/shared/digest/budgets';
import { buildDigest, CUT_MARKER, cutLine, rangesOf, type DigestSettings } from '../../nodes/shared/digest/digest';
import { compileLineTemplate } from '../../nodes/shared/digest/lineTemplate';
import { InvalidItemValueError, InvalidSettingError } from '../../nodes/shared/errors';
import { compileFieldPath } from '../../nodes/shared/values/fieldPath';

const reader = (path: string) => {
	const compiled = compileFieldPath(path);
	if (!compiled.ok) throw new Error(compiled.problem);
	return { field: path, read: compiled.value };
};

function settings(overrides: Partial<DigestSettings> = {}): DigestSettings {
	return {
		title: 'Nightly',
		line: compileLineTemplate('• {eventType}: {reason}', 'Line'),
		id: reader('id'),
		budget: DIGEST_BUDGETS.slackMessage,
		overflow: 'split',
		maxLines: 0,
		escape: (text) => text,
		...overrides,
	};
}

/** Rows as the templates queue them: about 140 characters per line. */
const rows = (count: number, from = 1) =>
	Array.from({ length: count }, (_, index) => ({
		id: from + index,
		eventType: ['report', 'data sync', 'newsletter'][index % 3],
		reason: `Matched rule "reporting": can wait for the nightly batch (customer ${String(from + index).padStart(6, '0')}, queued from the lead intake webhook)`,
		amount: (index % 4) * 10.5,
		receivedAt: `2026-12-01T${String(6 + (index % 12)).padStart(2, '0')}:00:00Z`,
	}));

describe('buildDigest: split into messages within the budget', () => {
	it('puts 1,000 rows into numbered messages of at most 40,000 characters, each row in exactly one', () => {
		const { messages, summary, leftOut, errors } = buildDigest(rows(1000), settings());
		expect(messages.length).toBeGreaterThan(1);
		expect(Math.max(...messages.map((message) => message.text.length))).toBeLessThanOrEqual(40_000);
		expect(messages.map((message) => `${message.part}/${message.parts}`)).toEqual(messages.map((_, index) => `${index + 1}/${messages.length}`));
		expect(messages[0].text.startsWith(`*Nightly* (1/${messages.length})\n1,000 items\n\n• report: `)).toBe(true);
		expect(messages[1].text.startsWith(`*Nightly* (2/${messages.length})\n\n• `)).toBe(true);
		const ids = messages.flatMap((message) => message.ids);
		expect(ids).toEqual(Array.from({ length: 1000 }, (_, index) => index + 1));
		expect(messages.reduce((sum, message) => sum + message.lineCount, 0)).toBe(1000);
		expect([summary.count, leftOut, errors]).toEqual([1000, [], []]);
		// Full messages: the next line would not have fitted.
		for (const message of messages.slice(0, -1)) expect(message.text.length + 1 + 140).toBeGreaterThan(40_000);
	});

	it('sends one message without a part number when everything fits', () => {
		const { messages } = buildDigest(rows(3), settings());
		expect(messages).toHaveLength(1);
		expect(messages[0].text).toBe(
			[
				'*Nightly*',
				'3 items',
				'',
				'• report: Matched rule "reporting": can wait for the nightly batch (customer 000001, queued from the lead intake webhook)',
				'• data sync: Matched rule "reporting": can wait for the nightly batch (customer 000002, queued from the lead intake webhook)',
				'• newsletter: Matched rule "reporting": can wait for the nightly batch (customer 000003, queued from the lead intake webhook)',
			].join('\n'),
		);
		expect([messages[0].part, messages[0].parts, messages[0].idRanges]).toEqual([1, 1, [{ from: 1, to: 3 }]]);
	});

	it('fills a message exactly to the budget, and not one character over', () => {
		const line = compileLineTemplate('{reason}', 'Line');
		const header = '*Nightly*\n2 items\n';
		const items = [
			{ id: 1, reason: 'a'.repeat(50) },
			{ id: 2, reason: 'b'.repeat(50) },
		];
		const exact = header.length + 1 + 50 + 1 + 50;
		expect(buildDigest(items, settings({ line, budget: exact })).messages).toHaveLength(1);
		const split = buildDigest(items, settings({ line, budget: exact - 1 })).messages;
		expect(split.map((message) => message.ids)).toEqual([[1], [2]]);
		for (const message of split) expect(message.text.length).toBeLessThanOrEqual(exact - 1);
	});

	it('opens with the summary: counts per group, the money total, the period', () => {
		const { messages, summary } = buildDigest(
			rows(7),
			settings({
				group: { ...reader('eventType'), label: 'By eventType' },
				money: { ...reader('amount'), label: 'Money at stake' },
				period: { ...reader('receivedAt'), zone: 'UTC' },
			}),
		);
		expect(summary).toEqual({
			count: 7,
			counts: { report: 3, 'data sync': 2, newsletter: 2 },
			total: 94.5,
			from: '2026-12-01T06:00:00Z',
			to: '2026-12-01T12:00:00Z',
		});
		expect(messages[0].text.split('\n').slice(0, 4)).toEqual([
			'*Nightly*',
			'7 items, 2026-12-01T06:00:00Z to 2026-12-01T12:00:00Z',
			'By eventType: report 3, data sync 2, newsletter 2',
			'Money at stake: 94.50',
		]);
	});

	it('names the ten largest groups and counts the rest', () => {
		const items = Array.from({ length: 12 }, (_, index) => ({ id: index, eventType: `type ${String(index).padStart(2, '0')}`, reason: 'x' }));
		const { messages } = buildDigest(items, settings({ group: { ...reader('eventType'), label: 'By eventType' } }));
		expect(messages[0].text.split('\n')[2]).toBe(
			'By eventType: type 00 1, type 01 1, type 02 1, type 03 1, type 04 1, type 05 1, type 06 1, type 07 1, type 08 1, type 09 1, and 2 more',
		);
	});

	it('cuts a line longer than a message with a marker, at a character boundary, and never drops it', () => {
		const line = compileLineTemplate('{reason}', 'Line');
		const long = '😀'.repeat(300);
		const { messages } = buildDigest(
			[
				{ id: 1, reason: 'short' },
				{ id: 2, reason: long },
				{ id: 3, reason: 'after' },
			],
			settings({ line, budget: 200 }),
		);
		expect(messages.flatMap((message) => message.ids)).toEqual([1, 2, 3]);
		for (const message of messages) expect(message.text.length).toBeLessThanOrEqual(200);
		const cut = messages.find((message) => message.ids.includes(2));
		expect(cut?.cutLines).toBe(1);
		const cutText = cut?.text.split('\n').pop() as string;
		expect(cutText.endsWith(CUT_MARKER)).toBe(true);
		// No half emoji: what is left before the marker is whole characters.
		expect([...cutText.slice(0, -CUT_MARKER.length)].every((character) => character === '😀')).toBe(true);
	});

	it('sorts by a field: numbers by value, texts alphabetically, items without it last, ties in input order', () => {
		const items = [{ id: 1, v: 5 }, { id: 2, v: 'b' }, { id: 3 }, { id: 4, v: 1 }, { id: 5, v: 'a' }, { id: 6, v: 5 }].map((item) => ({
			...item,
			reason: 'r',
			eventType: 'e',
		}));
		const ascending = buildDigest(items, settings({ sort: { read: reader('v').read, descending: false } }));
		expect(ascending.messages[0].ids).toEqual([4, 1, 6, 5, 2, 3]);
		const descending = buildDigest(items, settings({ sort: { read: reader('v').read, descending: true } }));
		expect(descending.messages[0].ids).toEqual([1, 6, 4, 2, 5, 3]);
	});
});

describe('buildDigest: the top lines only', () => {
	it('sends one message with as many lines as fit and "… and N more"; the rest is left out', () => {
		const { messages, leftOut } = buildDigest(rows(1000), settings({ overflow: 'top' }));
		expect(messages).toHaveLength(1);
		const [message] = messages;
		expect(message.text.length).toBeLessThanOrEqual(40_000);
		expect(message.text.endsWith(`\n… and ${(1000 - message.lineCount).toLocaleString('en-US')} more, not listed here`)).toBe(true);
		expect(message.ids).toEqual(Array.from({ length: message.lineCount }, (_, index) => index + 1));
		expect(leftOut.map((entry) => entry.id)).toEqual(Array.from({ length: 1000 - message.lineCount }, (_, index) => message.lineCount + index + 1));
		expect(message.idRanges).toEqual([{ from: 1, to: message.lineCount }]);
	});

	it('stops at Maximum Lines, and says nothing more when all fit', () => {
		const limited = buildDigest(rows(10), settings({ overflow: 'top', maxLines: 4 }));
		expect([limited.messages[0].lineCount, limited.leftOut.length]).toEqual([4, 6]);
		const all = buildDigest(rows(3), settings({ overflow: 'top' }));
		expect(all.messages[0].text).not.toContain('more, not listed');
		expect(all.leftOut).toEqual([]);
	});
});

describe('buildDigest: bad items stay out of every message, so they are never deleted unseen', () => {
	it('reports the item and the field, and keeps the spans of ids around it', () => {
		const items = [
			{ id: 1, eventType: 'a', reason: 'r' },
			{ id: 2, eventType: 'a' },
			{ id: 3, eventType: 'a', reason: 'r', amount: 'lots' },
			{ eventType: 'a', reason: 'r' },
			{ id: 5, eventType: 'a', reason: 'r' },
			{ id: 6, eventType: 'a', reason: 'r' },
		];
		const { messages, errors } = buildDigest(items, settings({ money: { ...reader('amount'), label: 'Money' } }));
		expect(errors.map(({ itemIndex, error }) => [itemIndex, error.field, error.message])).toEqual([
			[1, 'reason', 'is missing, and the line template uses it'],
			[2, 'amount', 'is "lots", which is not an amount'],
			[3, 'id', 'is missing: every item needs an id, so that exactly the items sent can be deleted'],
		]);
		expect(errors.every(({ error }) => error instanceof InvalidItemValueError)).toBe(true);
		expect(messages[0].ids).toEqual([1, 5, 6]);
		// 2 and 3 were read and are in no message: a delete by span must not reach them.
		expect(messages[0].idRanges).toEqual([
			{ from: 1, to: 1 },
			{ from: 5, to: 6 },
		]);
	});

	it("rangesOf: spans of a message's ids between the ids left out, duplicates and text ids aside", () => {
		expect(rangesOf([1, 2, 3, 7, 8], [1, 2, 3, 4, 7, 8, 9])).toEqual([
			{ from: 1, to: 3 },
			{ from: 7, to: 8 },
		]);
		expect(rangesOf([10, 12], [10, 12])).toEqual([{ from: 10, to: 12 }]);
		expect(rangesOf([10, 12], [10, 11, 12])).toEqual([
			{ from: 10, to: 10 },
			{ from: 12, to: 12 },
		]);
		expect(rangesOf(['a', 'b'], [])).toEqual([]);
		expect(rangesOf([], [1, 2])).toEqual([]);
	});
});

describe('line templates', () => {
	it('fill fields by path, lists and objects as JSON, null as nothing', () => {
		const render = compileLineTemplate('{customer.name} ({tags}) {note}: {n}', 'Line');
		expect(render({ customer: { name: 'Ada' }, tags: ['vip', 'eu'], note: null, n: 3 })).toBe('Ada (["vip","eu"]) : 3');
	});

	it('refuse a line without a field, or with an unusable one', () => {
		expect(() => compileLineTemplate('just text', 'Line')).toThrow(InvalidSettingError);
		expect(() => compileLineTemplate('{ }', 'Line')).toThrow('{ }: The field name is empty: drag a field from the input here');
	});

	it('escape the values they fill in for the destination, and the summary escapes group names', () => {
		const slack = (text: string) => text.replace(/[&<>]/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[character] as string);
		const line = compileLineTemplate('<{url}|{name}>', 'Line', slack);
		expect(line({ url: 'https://crm.example/1', name: '<!channel> Ana & Bo' })).toBe('<https://crm.example/1|&lt;!channel&gt; Ana &amp; Bo>');
		const { messages } = buildDigest(
			[{ id: 1, eventType: '<!everyone>', reason: 'r' }],
			settings({ escape: slack, group: { ...reader('eventType'), label: 'By eventType' } }),
		);
		expect(messages[0].text.split('\n')[2]).toBe('By eventType: &lt;!everyone&gt; 1');
	});

	it('cutLine keeps lines that fit', () => {
		expect(cutLine('abc', 3)).toEqual({ line: 'abc', cut: false });
		expect(cutLine('abcdefghijklmnop', 12)).toEqual({ line: `abcd${CUT_MARKER}`, cut: true });
	});
});
