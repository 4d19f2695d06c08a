import { InvalidItemValueError } from '../../nodes/shared/errors';
import { errorInRow, rowsOfItem } from '../../nodes/shared/metrics/responseRows';
import { itemProblem } from './thrown';

const metaRow = { campaign_name: 'Brand', spend: '10' };
const googleRow = { campaign: { name: 'Search' }, metrics: { costMicros: '1000000' } };

describe('rowsOfItem: a whole platform response in one item', () => {
	it('a Meta insights page gives its rows, each named by its place', () => {
		expect(rowsOfItem({ data: [metaRow, { ...metaRow, campaign_name: 'Promo' }], paging: { cursors: {} } }, 'auto')).toEqual([
			{ json: metaRow, path: 'data[0]' },
			{ json: { ...metaRow, campaign_name: 'Promo' }, path: 'data[1]' },
		]);
		expect(rowsOfItem({ data: [metaRow] }, 'meta')).toEqual([{ json: metaRow, path: 'data[0]' }]);
		expect(rowsOfItem({ data: [], paging: {} }, 'auto')).toEqual([]);
	});

	it('a Google Ads search or searchStream chunk gives its results', () => {
		expect(rowsOfItem({ results: [googleRow], fieldMask: 'metrics.cost_micros', requestId: 'r' }, 'auto')).toEqual([{ json: googleRow, path: 'results[0]' }]);
		expect(rowsOfItem({ results: [googleRow] }, 'googleAds')).toEqual([{ json: googleRow, path: 'results[0]' }]);
	});

	it('a row is itself: plain rows, rows with a field called data or results, and Fields I Map', () => {
		const plain = { campaignName: 'A', spend: 5 };
		expect(rowsOfItem(plain, 'auto')).toEqual([{ json: plain, path: '' }]);
		const withData = { spend: 5, data: [1, 2] };
		expect(rowsOfItem(withData, 'auto')).toEqual([{ json: withData, path: '' }]);
		const withResults = { metrics: { costMicros: 1 }, results: [] };
		expect(rowsOfItem(withResults, 'auto')).toEqual([{ json: withResults, path: '' }]);
		const page = { data: [metaRow], paging: {} };
		expect(rowsOfItem(page, 'fields')).toEqual([{ json: page, path: '' }]);
		// each format looks for its own platform's list only
		expect(rowsOfItem(page, 'googleAds')).toEqual([{ json: page, path: '' }]);
		const chunk = { results: [googleRow], fieldMask: 'x' };
		expect(rowsOfItem(chunk, 'meta')).toEqual([{ json: chunk, path: '' }]);
		// data that is not a list is a field, not a page
		const notList = { data: { spend: 1 }, paging: {} };
		expect(rowsOfItem(notList, 'auto')).toEqual([{ json: notList, path: '' }]);
	});

	it('the envelope makes it a response even when the item also has a spend or metrics field', () => {
		expect(rowsOfItem({ data: [metaRow], paging: {}, spend: 'x' }, 'auto')).toHaveLength(1);
		expect(rowsOfItem({ data: [metaRow], paging: {}, spend: 'x' }, 'auto')[0].path).toBe('data[0]');
		expect(rowsOfItem({ results: [googleRow], fieldMask: 'a', metrics: {} }, 'auto')[0].path).toBe('results[0]');
		// without an envelope, a figure on the item says it is a row
		expect(rowsOfItem({ results: [googleRow], fieldMask: 5, metrics: {} }, 'auto')[0].path).toBe('');
		expect(rowsOfItem({ data: [metaRow], paging: 'next', spend: '1' }, 'auto')[0].path).toBe('');
	});

	it('a row that is not an object is an error naming its place', () => {
		expect(itemProblem(() => rowsOfItem({ data: [metaRow, 5], paging: {} }, 'auto'))).toBe('data[1]: is 5; each row of the response must be an object');
		expect(itemProblem(() => rowsOfItem({ results: [null] }, 'auto'))).toBe('results[0]: is null; each row of the response must be an object');
		expect(itemProblem(() => rowsOfItem({ results: [[googleRow]] }, 'auto'))).toBe(
			'results[0]: is [{"campaign":{"name":"Search"},"metrics":{"costMicros":"1000000"}}]; each row of the response must be an object',
		);
	});
});

describe('errorInRow', () => {
	it('names the row inside the response, and leaves a row that is the item alone', () => {
		const error = new InvalidItemValueError('spend', 'is missing');
		expect(errorInRow(error, 'data[3]')).toEqual(new InvalidItemValueError('data[3].spend', 'is missing'));
		expect(errorInRow(error, 'data[3]').field).toBe('data[3].spend');
		expect(errorInRow(error, '')).toBe(error);
	});
});
