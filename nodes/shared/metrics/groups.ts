import { InvalidItemValueError } from '../errors';
import type { AdRow } from './adRow';
import type { SourceFailure } from './sourceAlerts';

export type GroupBy = 'campaign' | 'account' | 'all';

/** How rows are split into the period being judged and the one it is compared with. */
export type PeriodSplit =
	| { kind: 'none' }
	| { kind: 'label'; field: string; current: string; previous: string }
	| { kind: 'date'; field: string; currentFrom: string };

/** Sums of one group. Money is summed in micros and only divided at the end: ratios are never averaged. */
export interface GroupTotals {
	key: string;
	campaignId: string;
	campaignName: string;
	accountId: string;
	currency: string;
	spendMicros: number;
	valueMicros: number;
	conversions: number;
	firstDate: string;
	lastDate: string;
	target: number | undefined;
	/** Input item indexes, for n8n's item linking. */
	items: number[];
	/** Set when the group's rows contradict each other; the group is then reported, not judged. */
	problem?: { itemIndex: number; error: InvalidItemValueError };
}

export interface Grouped {
	current: GroupTotals[];
	previous: Map<string, GroupTotals>;
	/** Rows that belong to no period: reported per item. */
	unplaced: Array<{ itemIndex: number; error: InvalidItemValueError }>;
	/** Items a data source left instead of rows, by account (see sourceAlerts.ts). */
	failedSources: Map<string, SourceFailure>;
}

/**
 * Adds rows to their group as they are read, so no row needs to be kept. `add` copies what it
 * needs from the row: the caller may reuse the same row object for the next item.
 */
export function createAggregator(groupBy: GroupBy, split: PeriodSplit) {
	const current = new Map<string, GroupTotals>();
	const previous = new Map<string, GroupTotals>();
	const unplaced: Grouped['unplaced'] = [];
	const failedSources = new Map<string, SourceFailure>();
	return {
		add(itemIndex: number, row: AdRow): void {
			const period = periodOf(row, split);
			if (period instanceof InvalidItemValueError) {
				unplaced.push({ itemIndex, error: period });
				return;
			}
			const groups = period === 'previous' ? previous : current;
			const key = keyOf(row, groupBy);
			const group = groups.get(key);
			if (group) addRow(group, row, itemIndex, groupBy);
			else groups.set(key, newGroup(key, row, itemIndex, groupBy));
		},
		/**
		 * A row that could not be read: when it names its group, the whole group carries the error
		 * instead of being judged on its other rows (a bad row of the previous period spoils the
		 * comparison, so it too stops the group being judged). False when the row names no group.
		 */
		reject(itemIndex: number, row: AdRow, error: InvalidItemValueError): boolean {
			const key = keyOf(row, groupBy);
			if (key === '' || (groupBy === 'campaign' && row.campaignId === '')) return false;
			let group = current.get(key);
			if (!group) {
				group = newGroup(key, { ...row, spendMicros: 0, valueMicros: 0, conversions: 0 }, itemIndex, groupBy);
				current.set(key, group);
			} else {
				addItem(group, itemIndex);
			}
			group.problem ??= { itemIndex, error };
			return true;
		},
		/** An item that reports a failed source instead of rows; one alert per account, whatever the items. */
		failSource(itemIndex: number, failure: Omit<SourceFailure, 'items'>): void {
			const account = groupBy === 'all' ? '' : failure.account;
			const known = failedSources.get(account);
			if (known) known.items.push(itemIndex);
			else failedSources.set(account, { ...failure, account, items: [itemIndex] });
		},
		result(): Grouped {
			return { current: [...current.values()], previous, unplaced, failedSources };
		},
	};
}

/** All rows at once: for callers that have them in hand. */
export function groupRows(rows: Array<{ itemIndex: number; row: AdRow }>, groupBy: GroupBy, split: PeriodSplit): Grouped {
	const aggregator = createAggregator(groupBy, split);
	for (const { itemIndex, row } of rows) aggregator.add(itemIndex, row);
	return aggregator.result();
}

function keyOf(row: AdRow, groupBy: GroupBy): string {
	switch (groupBy) {
		case 'all':
			return 'all';
		case 'account':
			return row.accountId;
		default:
			return row.accountId === '' ? row.campaignId : `${row.accountId}/${row.campaignId}`;
	}
}

function periodOf(row: AdRow, split: PeriodSplit): 'current' | 'previous' | InvalidItemValueError {
	switch (split.kind) {
		case 'none':
			return 'current';
		case 'label':
			if (row.period === split.current) return 'current';
			if (row.period === split.previous) return 'previous';
			return new InvalidItemValueError(split.field, `is ${JSON.stringify(row.period)}; it must say "${split.current}" or "${split.previous}"`);
		case 'date':
			if (!/^\d{4}-\d{2}-\d{2}/.test(row.date)) {
				return new InvalidItemValueError(split.field, `is ${JSON.stringify(row.date)}; the period split needs a date like 2026-11-27`);
			}
			return row.date.slice(0, 10) >= split.currentFrom ? 'current' : 'previous';
	}
}

function newGroup(key: string, row: AdRow, itemIndex: number, groupBy: GroupBy): GroupTotals {
	const byCampaign = groupBy === 'campaign';
	return {
		key,
		campaignId: byCampaign ? row.campaignId : '',
		campaignName: byCampaign ? row.campaignName : '',
		accountId: groupBy === 'all' ? '' : row.accountId,
		currency: row.currency,
		spendMicros: row.spendMicros,
		valueMicros: row.valueMicros,
		conversions: row.conversions,
		firstDate: row.date,
		lastDate: row.dateTo || row.date,
		target: row.target,
		items: [itemIndex],
	};
}

/** An item holding a whole response brings several rows of a group: the item counts once. */
function addItem(group: GroupTotals, itemIndex: number): void {
	if (group.items[group.items.length - 1] !== itemIndex) group.items.push(itemIndex);
}

function addRow(group: GroupTotals, row: AdRow, itemIndex: number, groupBy: GroupBy): void {
	addItem(group, itemIndex);
	if (group.problem) return;
	if (row.currency !== group.currency) {
		group.problem = {
			itemIndex,
			error: new InvalidItemValueError(
				'currency',
				`is ${JSON.stringify(row.currency)} but earlier rows of ${describeGroup(group)} are in ${JSON.stringify(group.currency)}; amounts in two currencies cannot be added`,
			),
		};
		return;
	}
	if (row.target !== undefined) {
		if (group.target !== undefined && group.target !== row.target) {
			group.problem = {
				itemIndex,
				error: new InvalidItemValueError(
					'target',
					`is ${row.target} but earlier rows of ${describeGroup(group)} say ${group.target}; one group needs one target`,
				),
			};
			return;
		}
		group.target = row.target;
	}
	group.spendMicros += row.spendMicros;
	group.valueMicros += row.valueMicros;
	group.conversions += row.conversions;
	if (row.date !== '' && (group.firstDate === '' || row.date < group.firstDate)) group.firstDate = row.date;
	const lastDay = row.dateTo || row.date;
	if (lastDay > group.lastDate) group.lastDate = lastDay;
	// A campaign's name may come on a later row; an account's or all rows' group has none to take.
	if (groupBy === 'campaign' && group.campaignName === '' && row.campaignName !== '') group.campaignName = row.campaignName;
}

export function describeGroup(group: Pick<GroupTotals, 'key' | 'campaignName' | 'accountId'>): string {
	if (group.campaignName !== '') return `campaign "${group.campaignName}"`;
	if (group.key === 'all') return 'all rows';
	return `account "${group.accountId}"`;
}
