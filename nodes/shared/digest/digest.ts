import { InvalidItemValueError } from '../errors';
import { attempt } from '../values/attempt';
import type { Escape } from '../values/escape';
import type { FieldReader } from '../values/fieldPath';
import { formatDecimal, formatMoney } from '../values/format';
import { formatInstant, parseInstant } from '../values/instant';
import { parseDecimal } from '../values/number';
import { textOf } from '../values/text';
import type { LineRenderer } from './lineTemplate';

/**
 * Many items in, one or more messages out, each within a size budget. A message opens with a
 * summary of the whole digest (count, period, counts per group, a money total), then one line per
 * item. Every message says which items it covers in full (their ids), so that exactly those can
 * be deleted once it was delivered: an item in no delivered message is never deleted unseen.
 * Lengths are UTF-16 code units (JavaScript's length), never fewer than the characters Slack counts.
 */
export interface DigestSettings {
	title: string;
	line: LineRenderer;
	id: { read: FieldReader; field: string };
	group?: { read: FieldReader; field: string; label: string };
	money?: { read: FieldReader; field: string; label: string };
	period?: { read: FieldReader; field: string; zone: string };
	sort?: { read: FieldReader; descending: boolean };
	/** Characters per message. */
	budget: number;
	/** More lines than one message holds: split into numbered parts, or keep the top lines. */
	overflow: 'split' | 'top';
	/** With 'top': at most this many lines (0: as many as fit). */
	maxLines: number;
	/** For group names from the data in the summary (lines escape their own values). */
	escape: Escape;
}

export interface DigestMessage {
	text: string;
	part: number;
	parts: number;
	/** Ids of the items this message lists, in the order listed. */
	ids: Array<string | number>;
	/** The same numeric ids as spans that hold no id of an item left out of this message. */
	idRanges: Array<{ from: number; to: number }>;
	items: number[];
	lineCount: number;
	/** Lines cut to fit, each ending in CUT_MARKER. */
	cutLines: number;
}

export interface DigestSummary {
	count: number;
	counts: Record<string, number>;
	total: number | null;
	from: string | null;
	to: string | null;
}

export interface DigestResult {
	messages: DigestMessage[];
	summary: DigestSummary;
	/** Items no message lists (with 'top', those past the top lines): they stay for the next run. */
	leftOut: Array<{ itemIndex: number; id: string | number }>;
	errors: Array<{ itemIndex: number; error: InvalidItemValueError }>;
}

export const CUT_MARKER = ' … [cut]';
const MAX_GROUPS_SHOWN = 10;

interface Entry {
	itemIndex: number;
	id: string | number;
	line: string;
	group: string;
	money: number;
	when: number;
	sortKey: unknown;
}

export function buildDigest(jsons: readonly unknown[], settings: DigestSettings): DigestResult {
	const entries: Entry[] = [];
	const errors: DigestResult['errors'] = [];
	const numericIds: number[] = [];
	for (let itemIndex = 0; itemIndex < jsons.length; itemIndex++) {
		const json = jsons[itemIndex];
		const id = settings.id.read(json);
		if (typeof id === 'number' && Number.isFinite(id)) numericIds.push(id);
		const read = attempt(() => readEntry(json, itemIndex, id, settings));
		if (read.ok) entries.push(read.value);
		else if (read.error instanceof InvalidItemValueError) errors.push({ itemIndex, error: read.error });
		else throw read.error;
	}
	if (settings.sort) sortEntries(entries, settings.sort.descending);
	const summary = summarize(entries, settings);
	const heading = (suffix: string) => `*${settings.title}*${suffix}`;
	// Half a message at most, whatever the group names.
	const summaryText = cutLine(summaryLines(summary, settings), Math.floor(settings.budget / 2)).line;
	const packed = settings.overflow === 'split' ? split(entries, settings, heading, summaryText) : top(entries, settings, heading, summaryText);
	numericIds.sort((a, b) => a - b);
	const messages = packed.messages.map((message) => ({ ...message, idRanges: rangesOf(message.ids, numericIds) }));
	return { messages, summary, leftOut: packed.leftOut.map(({ itemIndex, id }) => ({ itemIndex, id })), errors };
}

function readEntry(json: unknown, itemIndex: number, id: unknown, settings: DigestSettings): Entry {
	if (id === undefined || id === null || id === '' || typeof id === 'object' || typeof id === 'boolean') {
		throw new InvalidItemValueError(settings.id.field, 'is missing: every item needs an id, so that exactly the items sent can be deleted');
	}
	const line = settings.line(json);
	const group = settings.group ? textOf(settings.group.read(json), settings.group.field) || '(none)' : '';
	let money = 0;
	if (settings.money) {
		const raw = settings.money.read(json);
		money = raw === undefined || raw === null || raw === '' ? 0 : parseDecimal(raw);
		if (!Number.isFinite(money)) throw new InvalidItemValueError(settings.money.field, `is ${JSON.stringify(raw)}, which is not an amount`);
	}
	let when = Number.NaN;
	if (settings.period) {
		const raw = settings.period.read(json);
		when = raw === undefined || raw === null || raw === '' ? Number.NaN : parseInstant(raw, settings.period.zone);
		if (raw !== undefined && raw !== null && raw !== '' && Number.isNaN(when))
			throw new InvalidItemValueError(settings.period.field, `is ${JSON.stringify(raw)}, which is not a date`);
	}
	return { itemIndex, id: id as string | number, line, group, money, when, sortKey: settings.sort?.read(json) };
}

/** Numbers by value, texts alphabetically, items without a value last; ties keep the input order. */
function sortEntries(entries: Entry[], descending: boolean): void {
	const rank = (value: unknown) => (value === undefined || value === null || value === '' ? 2 : typeof value === 'number' ? 0 : 1);
	entries.sort((a, b) => {
		const ra = rank(a.sortKey);
		const rb = rank(b.sortKey);
		if (ra !== rb || ra === 2) return ra - rb;
		const order = ra === 0 ? (a.sortKey as number) - (b.sortKey as number) : String(a.sortKey).localeCompare(String(b.sortKey));
		return descending ? -order : order;
	});
}

function summarize(entries: readonly Entry[], settings: DigestSettings): DigestSummary {
	const counts: Record<string, number> = {};
	let total = 0;
	let from = Number.POSITIVE_INFINITY;
	let to = Number.NEGATIVE_INFINITY;
	for (const entry of entries) {
		if (settings.group) counts[entry.group] = (counts[entry.group] ?? 0) + 1;
		total += entry.money;
		if (!Number.isNaN(entry.when)) {
			from = Math.min(from, entry.when);
			to = Math.max(to, entry.when);
		}
	}
	const zone = settings.period?.zone ?? 'UTC';
	return {
		count: entries.length,
		counts,
		total: settings.money ? Math.round(total * 100) / 100 : null,
		from: Number.isFinite(from) ? formatInstant(from, zone) : null,
		to: Number.isFinite(to) ? formatInstant(to, zone) : null,
	};
}

function summaryLines(summary: DigestSummary, settings: DigestSettings): string {
	const lines = [`${formatDecimal(summary.count)} item${summary.count === 1 ? '' : 's'}${summary.from ? `, ${summary.from} to ${summary.to}` : ''}`];
	if (settings.group) {
		const groups = Object.entries(summary.counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
		const shown = groups.slice(0, MAX_GROUPS_SHOWN).map(([group, count]) => `${settings.escape(group)} ${formatDecimal(count)}`);
		const more = groups.length - MAX_GROUPS_SHOWN;
		lines.push(`${settings.group.label}: ${shown.join(', ')}${more > 0 ? `, and ${more} more` : ''}`);
	}
	if (settings.money && summary.total !== null) lines.push(`${settings.money.label}: ${formatMoney(summary.total)}`);
	return lines.join('\n');
}

type Packed = Omit<DigestMessage, 'idRanges'>;

/** Cuts a line to `room` code units, at a character boundary, ending in the cut marker. */
export function cutLine(line: string, room: number): { line: string; cut: boolean } {
	if (line.length <= room) return { line, cut: false };
	let keep = Math.max(0, room - CUT_MARKER.length);
	const code = line.charCodeAt(keep - 1);
	if (code >= 0xd800 && code <= 0xdbff) keep -= 1;
	return { line: line.slice(0, keep) + CUT_MARKER, cut: true };
}

function split(entries: Entry[], settings: DigestSettings, heading: (suffix: string) => string, summaryText: string): { messages: Packed[]; leftOut: Entry[] } {
	if (entries.length === 0) return { messages: [], leftOut: [] };
	// Room for the widest part number there could be: one part per item.
	const widest = ` (${entries.length}/${entries.length})`;
	const firstHeader = `${heading(widest)}\n${summaryText}\n`;
	const laterHeader = `${heading(widest)}\n`;
	const lineRoom = settings.budget - laterHeader.length - 1;
	const cutLines = entries.map((entry) => cutLine(entry.line, lineRoom));
	// All in one message, without a part number?
	const single = `${heading('')}\n${summaryText}\n`;
	if (cutLines.reduce((used, { line }) => used + 1 + line.length, single.length) <= settings.budget) {
		const text = `${single}\n${cutLines.map(({ line }) => line).join('\n')}`;
		return { messages: [packedMessage(text, 1, 1, entries, cutLines.filter(({ cut }) => cut).length)], leftOut: [] };
	}
	const parts: Array<{ entries: Entry[]; lines: string[]; cut: number }> = [];
	let current = { entries: [] as Entry[], lines: [] as string[], cut: 0 };
	let used = Math.min(firstHeader.length, settings.budget);
	for (const [index, entry] of entries.entries()) {
		const { line, cut } = cutLines[index];
		// A line too long for what the summary leaves of the first message opens the second one.
		if (used + 1 + line.length > settings.budget && (current.lines.length > 0 || parts.length === 0)) {
			parts.push(current);
			current = { entries: [], lines: [], cut: 0 };
			used = laterHeader.length;
		}
		current.entries.push(entry);
		current.lines.push(line);
		current.cut += cut ? 1 : 0;
		used += 1 + line.length;
	}
	parts.push(current);
	const count = parts.length;
	const messages = parts.map((part, index) => {
		const suffix = count > 1 ? ` (${index + 1}/${count})` : '';
		const header = index === 0 ? `${heading(suffix)}\n${summaryText}\n` : `${heading(suffix)}\n`;
		return packedMessage(`${header}\n${part.lines.join('\n')}`, index + 1, count, part.entries, part.cut);
	});
	return { messages, leftOut: [] };
}

function top(entries: Entry[], settings: DigestSettings, heading: (suffix: string) => string, summaryText: string): { messages: Packed[]; leftOut: Entry[] } {
	if (entries.length === 0) return { messages: [], leftOut: [] };
	const header = `${heading('')}\n${summaryText}\n`;
	const moreLine = (count: number) => `\n… and ${formatDecimal(count)} more, not listed here`;
	const reserve = moreLine(entries.length).length;
	const lineRoom = Math.max(CUT_MARKER.length + 1, settings.budget - header.length - reserve - 2);
	const limit = settings.maxLines > 0 ? settings.maxLines : entries.length;
	const lines: string[] = [];
	let used = header.length;
	let cutCount = 0;
	for (const entry of entries) {
		if (lines.length >= limit) break;
		const { line, cut } = cutLine(entry.line, lineRoom);
		if (lines.length > 0 && used + 1 + line.length + reserve > settings.budget) break;
		lines.push(line);
		cutCount += cut ? 1 : 0;
		used += 1 + line.length;
	}
	const listed = entries.slice(0, lines.length);
	const leftOut = entries.slice(lines.length);
	const text = `${header}\n${lines.join('\n')}${leftOut.length > 0 ? moreLine(leftOut.length) : ''}`;
	return { messages: [packedMessage(text, 1, 1, listed, cutCount)], leftOut };
}

function packedMessage(text: string, part: number, parts: number, entries: readonly Entry[], cutLines: number): Packed {
	return { text, part, parts, ids: entries.map((entry) => entry.id), items: entries.map((entry) => entry.itemIndex), lineCount: entries.length, cutLines };
}

/**
 * Spans of a message's numeric ids that hold no other id the node got (an item left out of it, or
 * in error): a delete by span removes exactly the rows the message lists.
 */
export function rangesOf(ids: ReadonlyArray<string | number>, allNumericIds: readonly number[]): Array<{ from: number; to: number }> {
	const mine = new Set(ids.filter((id): id is number => typeof id === 'number'));
	const ranges: Array<{ from: number; to: number }> = [];
	let open: { from: number; to: number } | undefined;
	for (const id of allNumericIds) {
		if (mine.has(id)) {
			if (open) open.to = id;
			else ranges.push((open = { from: id, to: id }));
		} else {
			open = undefined;
		}
	}
	return ranges;
}
