/**
 * The Batch Digest at its edges (digest/digest.ts): exact budgets (a message exactly full, one
 * character over), ids of every kind, empty and bad money and dates, sorting ties and blanks, the
 * summary's groups past ten, surrogate pairs at a cut, id spans around ids in error.
 */
import { buildDigest, CUT_MARKER, cutLine, rangesOf, type DigestSettings } from '../../nodes/shared/digest/digest';
import { compileLineTemplate } from '../../nodes/shared/digest/lineTemplate';
import { settingFieldReader } from '../../nodes/shared/values/fieldPath';

const reader = (path: string) => ({ field: path, read: settingFieldReader(path, 'Field') });
const settings = (overrides: Partial<DigestSettings> = {}): DigestSettings => ({
	title: 'D',
	line: compileLineTemplate('{text}', 'Line'),
	id: reader('id'),
	budget: 1000,
	overflow: 'split',
	maxLines: 0,
	escape: (text) => text,
	...overrides,
});
const items = (texts: string[], from = 1) => texts.map((text, index) => ({ id: from + index, text }));

describe('ids', () => {
	it.each([[undefined], [null], [''], [{}], [[1]], [true], [false]])('an item with id %j is an error naming the field, and is in no message', (id) => {
		const { messages, errors } = buildDigest(
			[
				{ id: 1, text: 'a' },
				{ id, text: 'b' },
			],
			settings(),
		);
		expect(errors.map(({ itemIndex, error }) => [itemIndex, error.field, error.message])).toEqual([
			[1, 'id', 'is missing: every item needs an id, so that exactly the items sent can be deleted'],
		]);
		expect(messages[0].ids).toEqual([1]);
	});

	it('ids of 0, negative, text: all kept; only numbers make spans', () => {
		const { messages } = buildDigest(
			[
				{ id: 0, text: 'a' },
				{ id: -3, text: 'b' },
				{ id: 'row-7', text: 'c' },
			],
			settings(),
		);
		expect(messages[0].ids).toEqual([0, -3, 'row-7']);
		// No other id the node got lies between -3 and 0: one span.
		expect(messages[0].idRanges).toEqual([{ from: -3, to: 0 }]);
	});

	it('an id in error between two sent ids splits their span, so a delete by span never removes it', () => {
		const { messages } = buildDigest(
			[
				{ id: 1, text: 'a' },
				{ id: 2, text: 'b', amount: 'lots' },
				{ id: 3, text: 'c' },
			],
			settings({ money: { ...reader('amount'), label: 'Total' } }),
		);
		expect(messages[0].ids).toEqual([1, 3]);
		expect(messages[0].idRanges).toEqual([
			{ from: 1, to: 1 },
			{ from: 3, to: 3 },
		]);
		// Infinity is not an id to span.
		expect(
			buildDigest(
				[
					{ id: 1, text: 'a' },
					{ id: Number.POSITIVE_INFINITY, text: 'b' },
					{ id: 2, text: 'c' },
				],
				settings(),
			).messages[0].idRanges,
		).toEqual([{ from: 1, to: 2 }]);
	});

	it('spans come out in id order whatever the item order, broken only by ids the node got', () => {
		const { messages } = buildDigest(
			[
				{ id: 9, text: 'a' },
				{ id: 3, text: 'b' },
				{ id: 4, text: 'c' },
				{ id: 10, text: 'd' },
			],
			settings(),
		);
		expect(messages[0].idRanges).toEqual([{ from: 3, to: 10 }]);
		// Item 6 has no text for its line: in error, in no message, so it breaks the span.
		const withGap = buildDigest([{ id: 9, text: 'a' }, { id: 3, text: 'b' }, { id: 6 }, { id: 10, text: 'd' }], settings());
		expect(withGap.errors.map(({ itemIndex }) => itemIndex)).toEqual([2]);
		expect(withGap.messages[0].idRanges).toEqual([
			{ from: 3, to: 3 },
			{ from: 9, to: 10 },
		]);
	});

	it('rangesOf: ids of the message, broken by any other id the node got', () => {
		expect(rangesOf([1, 2, 4], [1, 2, 3, 4])).toEqual([
			{ from: 1, to: 2 },
			{ from: 4, to: 4 },
		]);
		expect(rangesOf(['a', 1], [1])).toEqual([{ from: 1, to: 1 }]);
		expect(rangesOf([], [1, 2])).toEqual([]);
	});
});

describe('money and dates', () => {
	const money = { ...reader('amount'), label: 'Total' };
	const period = { ...reader('at'), zone: 'UTC' };

	it('empty amounts count 0; text amounts are read; a bad one is an error naming the field', () => {
		const { summary, errors } = buildDigest(
			[
				{ id: 1, text: 'a', amount: '' },
				{ id: 2, text: 'b', amount: null },
				{ id: 3, text: 'c' },
				{ id: 4, text: 'd', amount: '$1,000.10' },
				{ id: 5, text: 'e', amount: 'x' },
			],
			settings({ money }),
		);
		expect(summary.total).toBe(1000.1);
		expect(errors.map(({ error }) => `${error.field} ${error.message}`)).toEqual(['amount is "x", which is not an amount']);
	});

	it('the total is rounded to the cent; without a money field there is none', () => {
		expect(
			buildDigest(
				[
					{ id: 1, text: 'a', amount: 0.1 },
					{ id: 2, text: 'b', amount: 0.2 },
				],
				settings({ money }),
			).summary.total,
		).toBe(0.3);
		expect(buildDigest([{ id: 1, text: 'a', amount: 5 }], settings()).summary.total).toBeNull();
	});

	it('the period spans the earliest and latest dates; empty dates are left out; a bad one is an error', () => {
		const { summary, errors, messages } = buildDigest(
			[
				{ id: 1, text: 'a', at: '2026-12-01T10:00:00Z' },
				{ id: 2, text: 'b', at: '' },
				{ id: 3, text: 'c', at: null },
				{ id: 4, text: 'd', at: '2026-11-30T08:00:00Z' },
				{ id: 5, text: 'e', at: 'soon' },
			],
			settings({ period }),
		);
		expect([summary.from, summary.to]).toEqual(['2026-11-30T08:00:00Z', '2026-12-01T10:00:00Z']);
		expect(errors.map(({ error }) => `${error.field} ${error.message}`)).toEqual(['at is "soon", which is not a date']);
		expect(messages[0].text.split('\n')[1]).toBe('4 items, 2026-11-30T08:00:00Z to 2026-12-01T10:00:00Z');
	});

	it('no dates at all: no period in the summary; one item says "item"', () => {
		const { summary, messages } = buildDigest([{ id: 1, text: 'a' }], settings({ period }));
		expect([summary.from, summary.to]).toEqual([null, null]);
		expect(messages[0].text.split('\n')[1]).toBe('1 item');
	});

	it('dates are shown in the zone', () => {
		const { summary } = buildDigest([{ id: 1, text: 'a', at: '2026-12-01T10:00:00Z' }], settings({ period: { ...period, zone: 'Europe/Berlin' } }));
		expect(summary.from).toBe('2026-12-01T11:00:00+01:00');
	});
});

describe('the summary', () => {
	it('groups by count, then name; an empty group is "(none)"; past ten groups, how many more', () => {
		const group = { ...reader('type'), label: 'By type' };
		const many = Array.from({ length: 12 }, (_, index) => ({ id: index + 1, text: 't', type: `g${String(index).padStart(2, '0')}` }));
		const { messages, summary } = buildDigest(
			[...many, { id: 20, text: 't', type: 'g11' }, { id: 21, text: 't', type: '' }, { id: 22, text: 't' }],
			settings({ group }),
		);
		expect(summary.counts).toMatchObject({ g11: 2, '(none)': 2, g00: 1 });
		expect(messages[0].text.split('\n')[2]).toBe('By type: (none) 2, g11 2, g00 1, g01 1, g02 1, g03 1, g04 1, g05 1, g06 1, g07 1, and 3 more');
		const ten = buildDigest(many.slice(0, 10), settings({ group }));
		expect(ten.messages[0].text.split('\n')[2]).toBe('By type: g00 1, g01 1, g02 1, g03 1, g04 1, g05 1, g06 1, g07 1, g08 1, g09 1');
	});

	it('group names are escaped for the destination in the summary', () => {
		const group = { ...reader('type'), label: 'By type' };
		const { messages } = buildDigest(
			[{ id: 1, text: 'a', type: '<!channel>' }],
			settings({ group, escape: (text) => text.replace(/</g, '&lt;').replace(/>/g, '&gt;') }),
		);
		expect(messages[0].text.split('\n')[2]).toBe('By type: &lt;!channel&gt; 1');
	});

	it('the money line shows the total', () => {
		const { messages } = buildDigest([{ id: 1, text: 'a', amount: 1234.5 }], settings({ money: { ...reader('amount'), label: 'Revenue at stake' } }));
		expect(messages[0].text).toBe('*D*\n1 item\nRevenue at stake: 1,234.50\n\na');
	});

	it('no items: no message', () => {
		expect(buildDigest([], settings()).messages).toEqual([]);
		expect(buildDigest([], settings({ overflow: 'top' }))).toMatchObject({ messages: [], leftOut: [] });
	});
});

describe('sorting', () => {
	const sort = (descending: boolean) => ({ read: reader('rank').read, descending });
	const ranked = [
		{ id: 1, text: 'a', rank: 10 },
		{ id: 2, text: 'b', rank: 'beta' },
		{ id: 3, text: 'c' },
		{ id: 4, text: 'd', rank: 2 },
		{ id: 5, text: 'e', rank: 'alpha' },
		{ id: 6, text: 'f', rank: '' },
		{ id: 7, text: 'g', rank: 2 },
	];
	it('numbers by value, then texts alphabetically, blanks last; ties keep the input order', () => {
		expect(buildDigest(ranked, settings({ sort: sort(false) })).messages[0].ids).toEqual([4, 7, 1, 5, 2, 3, 6]);
	});

	it('descending reverses numbers and texts but keeps blanks last and ties in input order', () => {
		expect(buildDigest(ranked, settings({ sort: sort(true) })).messages[0].ids).toEqual([1, 4, 7, 2, 5, 3, 6]);
	});
});

describe('budgets, to the character', () => {
	it('one message exactly at the budget is one message without a part number; one character more splits it', () => {
		const header = '*D*\n2 items\n';
		// Header, a blank line, then each line after a new line: header.length + 1 + a + 1 + b.
		const fitting = settings({ budget: header.length + 1 + 10 + 1 + 10 });
		const exact = buildDigest(items(['a'.repeat(10), 'b'.repeat(10)]), fitting);
		expect(exact.messages.map((message) => [message.part, message.parts, message.text.length])).toEqual([[1, 1, fitting.budget]]);
		expect(exact.messages[0].text).toBe(`${header}\n${'a'.repeat(10)}\n${'b'.repeat(10)}`);
		const over = buildDigest(items(['a'.repeat(10), 'b'.repeat(11)]), fitting);
		expect(over.messages.map((message) => message.text.split('\n')[0])).toEqual(['*D* (1/2)', '*D* (2/2)']);
		for (const message of over.messages) expect(message.text.length).toBeLessThanOrEqual(fitting.budget);
	});

	it('split parts: the first carries the summary, later ones only the heading; every item once, in order', () => {
		const { messages } = buildDigest(items(Array.from({ length: 30 }, (_, index) => `line ${index} ${'x'.repeat(20)}`)), settings({ budget: 200 }));
		expect(messages.length).toBeGreaterThan(2);
		expect(messages[0].text.split('\n').slice(0, 2)).toEqual([`*D* (1/${messages.length})`, '30 items']);
		expect(messages[1].text.split('\n')[0]).toBe(`*D* (2/${messages.length})`);
		expect(messages[1].text.split('\n')[1]).toBe('');
		expect(messages.flatMap((message) => message.ids)).toEqual(Array.from({ length: 30 }, (_, index) => index + 1));
		expect(messages.map((message) => message.part)).toEqual(messages.map((_, index) => index + 1));
		for (const message of messages) {
			expect(message.text.length).toBeLessThanOrEqual(200);
			expect(message.lineCount).toBe(message.ids.length);
			expect(message.items).toEqual(message.ids.map((id) => (id as number) - 1));
		}
	});

	it('a line longer than a message is cut to fit, marked, and counted', () => {
		const { messages } = buildDigest(items(['short', 'y'.repeat(500)]), settings({ budget: 120 }));
		const cut = messages.flatMap((message) => message.text.split('\n')).find((line) => line.startsWith('yyy'));
		expect(cut?.endsWith(CUT_MARKER)).toBe(true);
		expect(messages.reduce((sum, message) => sum + message.cutLines, 0)).toBe(1);
		for (const message of messages) expect(message.text.length).toBeLessThanOrEqual(120);
	});

	it('top: the lines that fit with the "more" line, the rest left out for the next run; at most Max Lines', () => {
		const texts = Array.from({ length: 20 }, (_, index) => `line ${String(index).padStart(2, '0')}`);
		const { messages, leftOut } = buildDigest(items(texts), settings({ overflow: 'top', budget: 120 }));
		expect(messages).toHaveLength(1);
		expect(messages[0].text.length).toBeLessThanOrEqual(120);
		expect(messages[0].text.endsWith(`\n… and ${leftOut.length} more, not listed here`)).toBe(true);
		expect(messages[0].ids.length + leftOut.length).toBe(20);
		expect(leftOut[0]).toEqual({ itemIndex: messages[0].ids.length, id: messages[0].ids.length + 1 });
		const three = buildDigest(items(texts), settings({ overflow: 'top', maxLines: 3 }));
		expect(three.messages[0].ids).toEqual([1, 2, 3]);
		expect(three.leftOut).toHaveLength(17);
		expect(three.messages[0].text).toBe('*D*\n20 items\n\nline 00\nline 01\nline 02\n… and 17 more, not listed here');
		const all = buildDigest(items(texts.slice(0, 3)), settings({ overflow: 'top' }));
		expect(all.messages[0].text).toBe('*D*\n3 items\n\nline 00\nline 01\nline 02');
		expect(all.leftOut).toEqual([]);
	});

	it('top: a first line too long is cut rather than leaving the message empty', () => {
		const { messages, leftOut } = buildDigest(items(['z'.repeat(400), 'next']), settings({ overflow: 'top', budget: 100 }));
		expect(messages[0].ids).toEqual([1]);
		expect(messages[0].cutLines).toBe(1);
		expect(messages[0].text.length).toBeLessThanOrEqual(100);
		expect(leftOut.map((entry) => entry.id)).toEqual([2]);
	});

	it('the summary takes at most half a message', () => {
		const group = { ...reader('type'), label: 'By type' };
		const wide = Array.from({ length: 10 }, (_, index) => ({ id: index + 1, text: 't', type: `${'g'.repeat(30)}${index}` }));
		const { messages } = buildDigest(wide, settings({ group, budget: 200 }));
		const summary = messages[0].text.split('\n\n')[0].split('\n').slice(1).join('\n');
		expect(summary.length).toBeLessThanOrEqual(100);
		expect(summary.endsWith(CUT_MARKER)).toBe(true);
	});
});

describe('cutLine', () => {
	it('a line at the room is kept; one more is cut to exactly the room', () => {
		expect(cutLine('abcdefghij', 10)).toEqual({ line: 'abcdefghij', cut: false });
		const cut = cutLine('abcdefghijk', 10);
		expect(cut).toEqual({ line: `ab${CUT_MARKER}`, cut: true });
		expect(cut.line.length).toBe(10);
	});

	it('never splits a surrogate pair (an emoji) at the cut', () => {
		const emoji = '😀';
		const line = `a${emoji}${'b'.repeat(20)}`;
		// Room for "a" plus half the emoji before the marker: the half is dropped, not left broken.
		const cut = cutLine(line, 2 + CUT_MARKER.length);
		expect(cut.line).toBe(`a${CUT_MARKER}`);
		expect(cutLine(line, 3 + CUT_MARKER.length).line).toBe(`a${emoji}${CUT_MARKER}`);
		// A low surrogate at the end of what is kept is fine.
		expect(cutLine(`${emoji}${'b'.repeat(20)}`, 2 + CUT_MARKER.length).line).toBe(`${emoji}${CUT_MARKER}`);
	});

	it('less room than the marker keeps only the marker', () => {
		expect(cutLine('abcdefghijklmnop', 3)).toEqual({ line: CUT_MARKER, cut: true });
	});
});
