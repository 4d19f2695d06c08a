/**
 * How ad rows become groups (metrics/groups.ts): keys per grouping, rows that could not be read
 * taking their whole group out of judgement, period splits by label and by date, group names in
 * errors.
 */
import { InvalidItemValueError } from '../../nodes/shared/errors';
import { emptyRow, type AdRow } from '../../nodes/shared/metrics/adRow';
import { createAggregator, describeGroup, type GroupBy, type PeriodSplit } from '../../nodes/shared/metrics/groups';

const row = (overrides: Partial<AdRow> = {}): AdRow => ({
	...emptyRow(),
	accountId: 'a',
	campaignId: 'c1',
	campaignName: 'One',
	currency: 'EUR',
	spendMicros: 1_000_000,
	valueMicros: 2_000_000,
	conversions: 1,
	date: '2026-11-24',
	dateTo: '2026-11-24',
	...overrides,
});
const bad = new InvalidItemValueError('spend', 'is "x", which is not an amount');
const aggregate = (rows: AdRow[], groupBy: GroupBy = 'campaign', split: PeriodSplit = { kind: 'none' }) => {
	const aggregator = createAggregator(groupBy, split);
	rows.forEach((each, index) => aggregator.add(index, each));
	return aggregator;
};

describe('keys', () => {
	it('campaign: account/campaign, or the campaign alone without an account; account; all', () => {
		expect(
			aggregate([row(), row({ accountId: '' })])
				.result()
				.current.map((group) => group.key),
		).toEqual(['a/c1', 'c1']);
		expect(
			aggregate([row(), row({ campaignId: 'c2' })], 'account')
				.result()
				.current.map((group) => [group.key, group.campaignId, group.campaignName, group.items]),
		).toEqual([['a', '', '', [0, 1]]]);
		expect(
			aggregate([row(), row({ accountId: 'b' })], 'all')
				.result()
				.current.map((group) => [group.key, group.accountId, group.items]),
		).toEqual([['all', '', [0, 1]]]);
	});

	it('sums in micros; the period runs from the first day to the last day any row covers', () => {
		const [group] = aggregate([
			row({ date: '2026-11-25', dateTo: '2026-11-25' }),
			row({ date: '2026-11-20', dateTo: '2026-11-26' }),
			row({ date: '', dateTo: '' }),
		]).result().current;
		expect(group).toMatchObject({ spendMicros: 3_000_000, valueMicros: 6_000_000, conversions: 3, firstDate: '2026-11-20', lastDate: '2026-11-26' });
	});
});

describe('rows that could not be read', () => {
	it('a bad row naming its campaign takes the campaign out of judgement, keeping the first error and every item', () => {
		const aggregator = aggregate([row()]);
		expect(aggregator.reject(1, row(), bad)).toBe(true);
		const second = new InvalidItemValueError('currency', 'other');
		expect(aggregator.reject(2, row(), second)).toBe(true);
		const [group] = aggregator.result().current;
		expect(group.items).toEqual([0, 1, 2]);
		expect(group.problem).toEqual({ itemIndex: 1, error: bad });
	});

	it('a bad row of a campaign not seen yet opens the group with no figures of its own', () => {
		const aggregator = createAggregator('campaign', { kind: 'none' });
		expect(aggregator.reject(0, row({ spendMicros: 99 }), bad)).toBe(true);
		expect(aggregator.result().current[0]).toMatchObject({
			key: 'a/c1',
			spendMicros: 0,
			valueMicros: 0,
			conversions: 0,
			items: [0],
			problem: { itemIndex: 0 },
		});
		// Later good rows of that campaign do not add figures to a spoiled group.
		aggregator.add(1, row());
		expect(aggregator.result().current[0]).toMatchObject({ spendMicros: 0, items: [0, 1] });
	});

	it('a bad row that names no group (no campaign id, or no account when grouped by account) is reported on its own', () => {
		expect(createAggregator('campaign', { kind: 'none' }).reject(0, row({ campaignId: '' }), bad)).toBe(false);
		expect(createAggregator('campaign', { kind: 'none' }).reject(0, row({ campaignId: '', accountId: '' }), bad)).toBe(false);
		expect(createAggregator('account', { kind: 'none' }).reject(0, row({ accountId: '' }), bad)).toBe(false);
		expect(createAggregator('account', { kind: 'none' }).reject(0, row({ campaignId: '' }), bad)).toBe(true);
		expect(createAggregator('all', { kind: 'none' }).reject(0, row({ campaignId: '', accountId: '' }), bad)).toBe(true);
	});
});

describe('period splits', () => {
	it('by label: current, previous, or an error naming both labels', () => {
		const split: PeriodSplit = { kind: 'label', field: 'period', current: 'this week', previous: 'last week' };
		const result = aggregate(
			[row({ period: 'this week' }), row({ period: 'last week' }), row({ period: 'This Week' }), row({ period: '' })],
			'campaign',
			split,
		).result();
		expect(result.current.map((group) => group.items)).toEqual([[0]]);
		expect(result.previous.get('a/c1')?.items).toEqual([1]);
		expect(result.unplaced.map(({ itemIndex, error }) => [itemIndex, error.field, error.message])).toEqual([
			[2, 'period', 'is "This Week"; it must say "this week" or "last week"'],
			[3, 'period', 'is ""; it must say "this week" or "last week"'],
		]);
	});

	it('by date: from the first current day on is current; a date not written YYYY-MM-DD… is an error', () => {
		const split: PeriodSplit = { kind: 'date', field: 'date', currentFrom: '2026-11-24' };
		const result = aggregate(
			[
				row({ date: '2026-11-24' }),
				row({ date: '2026-11-23T23:59:59Z' }),
				row({ date: '2026-11-24T00:00:00Z' }),
				row({ date: 'x2026-11-24' }),
				row({ date: '2026-11-2' }),
				row({ date: '' }),
			],
			'campaign',
			split,
		).result();
		expect(result.current[0].items).toEqual([0, 2]);
		expect(result.previous.get('a/c1')?.items).toEqual([1]);
		expect(result.unplaced.map(({ itemIndex, error }) => [itemIndex, error.message])).toEqual([
			[3, 'is "x2026-11-24"; the period split needs a date like 2026-11-27'],
			[4, 'is "2026-11-2"; the period split needs a date like 2026-11-27'],
			[5, 'is ""; the period split needs a date like 2026-11-27'],
		]);
	});
});

describe('describeGroup', () => {
	it('a campaign by name, all rows, or an account', () => {
		expect(describeGroup({ key: 'a/c1', campaignName: 'One', accountId: 'a' })).toBe('campaign "One"');
		expect(describeGroup({ key: 'all', campaignName: '', accountId: '' })).toBe('all rows');
		expect(describeGroup({ key: 'a', campaignName: '', accountId: 'a' })).toBe('account "a"');
	});

	it('names the group in a currency clash', () => {
		const [group] = aggregate([row({ campaignName: '' }), row({ campaignName: '', currency: 'USD' })], 'account').result().current;
		expect(group.problem?.error.message).toBe('is "USD" but earlier rows of account "a" are in "EUR"; amounts in two currencies cannot be added');
		const [all] = aggregate([row(), row({ currency: 'USD' })], 'all').result().current;
		expect(all.problem?.error.message).toBe('is "USD" but earlier rows of all rows are in "EUR"; amounts in two currencies cannot be added');
	});
});
