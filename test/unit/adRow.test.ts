import { InvalidItemValueError, InvalidSettingError } from '../../nodes/shared/errors';
import { createRowReader, emptyRow, type AdRow, type RowReaderSettings } from '../../nodes/shared/metrics/adRow';

/** The reader fills a row object; tests want a fresh one per call. */
function reader(readerSettings: RowReaderSettings): (json: Record<string, unknown>) => AdRow {
	const read = createRowReader(readerSettings);
	return (json) => {
		const row = emptyRow();
		read(json, row);
		return row;
	};
}

const settings = (overrides: Partial<RowReaderSettings> = {}): RowReaderSettings => ({
	format: 'auto',
	mapping: {
		campaign: 'campaignName',
		account: 'accountId',
		spend: 'spend',
		value: 'conversionValue',
		conversions: 'conversions',
		currency: 'currency',
		date: 'date',
		period: '',
		target: '',
	},
	needs: { value: true, conversions: false },
	metaActionType: 'omni_purchase',
	decimalSeparator: '.',
	defaultCurrency: '',
	...overrides,
});

function thrown(run: () => unknown): InvalidItemValueError {
	let error: unknown;
	try {
		run();
	} catch (caught) {
		error = caught;
	}
	expect(error).toBeInstanceOf(InvalidItemValueError);
	return error as InvalidItemValueError;
}

describe('mapped rows', () => {
	const read = reader(settings());

	it('reads amounts as numbers or text, in micros', () => {
		expect(read({ campaignName: 'Brand', spend: '$1,234.50', conversionValue: 2000, currency: 'USD', date: '2026-11-27' })).toEqual({
			accountId: '',
			campaignId: 'Brand',
			campaignName: 'Brand',
			date: '2026-11-27',
			dateTo: '2026-11-27',
			spendMicros: 1_234_500_000,
			valueMicros: 2_000_000_000,
			conversions: 0,
			currency: 'USD',
			period: '',
			target: undefined,
		});
	});

	it('reads comma decimals when told to, and falls back to the default currency', () => {
		const readComma = reader(settings({ decimalSeparator: ',', defaultCurrency: 'EUR' }));
		expect(readComma({ campaignName: 'A', spend: '1.234,50 €', conversionValue: '0,5' })).toMatchObject({
			spendMicros: 1_234_500_000,
			valueMicros: 500_000,
			currency: 'EUR',
		});
	});

	it.each([
		[{ spend: -5, conversionValue: 1 }, 'spend', 'is -5; an amount cannot be negative'],
		[{ spend: Number.NaN, conversionValue: 1 }, 'spend', 'is NaN, which is not an amount'],
		[{ spend: Number.POSITIVE_INFINITY, conversionValue: 1 }, 'spend', 'is Infinity, which is not an amount'],
		[{ spend: 'lots', conversionValue: 1 }, 'spend', 'is "lots", which is not an amount'],
		[{ conversionValue: 1 }, 'spend', 'is missing; every row needs it (use 0 for none)'],
		[{ spend: 10 }, 'conversionValue', 'is missing; every row needs it (use 0 for none)'],
	])('rejects %j naming %s', (row, field, message) => {
		const error = thrown(() => read({ campaignName: 'A', ...row }));
		expect(error.field).toBe(field);
		expect(error.message).toBe(message);
	});

	it('counts a figure the metric does not need as 0 when absent, but still checks it when present', () => {
		expect(read({ campaignName: 'A', spend: 1, conversionValue: 1 }).conversions).toBe(0);
		expect(read({ campaignName: 'A', spend: 1, conversionValue: 1, conversions: '7' }).conversions).toBe(7);
		expect(thrown(() => read({ campaignName: 'A', spend: 1, conversionValue: 1, conversions: 'x' })).field).toBe('conversions');
	});

	it('rejects a broken field path as a setting, naming the parameter', () => {
		let error: unknown;
		try {
			createRowReader(settings({ mapping: { ...settings().mapping, spend: 'costs[0' } }));
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(InvalidSettingError);
		expect((error as InvalidSettingError).parameter).toBe('Spend Field');
	});
});

describe('Meta insights rows', () => {
	const metaRow = {
		account_id: 'act_1',
		campaign_id: '120',
		campaign_name: 'Retargeting',
		date_start: '2026-11-27',
		date_stop: '2026-11-27',
		spend: '250.75',
		account_currency: 'EUR',
		actions: [
			{ action_type: 'link_click', value: '300' },
			{ action_type: 'purchase', value: '5' },
			{ action_type: 'omni_purchase', value: '5' },
			{ action_type: 'offsite_conversion.fb_pixel_purchase', value: '5' },
		],
		action_values: [
			{ action_type: 'purchase', value: '1000.5' },
			{ action_type: 'omni_purchase', value: '1000.5' },
			{ action_type: 'offsite_conversion.fb_pixel_purchase', value: '1000.5' },
		],
	};

	it('reads one canonical purchase action type, never the sum of the duplicates', () => {
		const row = reader(settings())(metaRow);
		expect(row).toMatchObject({
			accountId: 'act_1',
			campaignId: '120',
			campaignName: 'Retargeting',
			date: '2026-11-27',
			currency: 'EUR',
			spendMicros: 250_750_000,
			valueMicros: 1_000_500_000,
			conversions: 5,
		});
	});

	it('uses the configured action type, and 0 when the row has none of it', () => {
		const read = reader(settings({ format: 'meta', metaActionType: 'link_click' }));
		expect(read(metaRow).conversions).toBe(300);
		expect(read({ ...metaRow, actions: undefined, action_values: undefined }).conversions).toBe(0);
	});

	it('rejects actions that are not a list', () => {
		expect(thrown(() => reader(settings())({ ...metaRow, actions: 'five' })).field).toBe('actions');
	});
});

describe('Google Ads rows', () => {
	const googleRow = {
		customer: { id: '1234567890', currencyCode: 'USD' },
		campaign: { id: '987', name: 'Search - Brand' },
		segments: { date: '2026-11-27' },
		metrics: { costMicros: '125500000', conversions: 3.5, conversionsValue: 410.2 },
	};

	it('reads cost in micros, fractional conversions and the value', () => {
		expect(reader(settings())(googleRow)).toMatchObject({
			accountId: '1234567890',
			campaignId: '987',
			campaignName: 'Search - Brand',
			date: '2026-11-27',
			currency: 'USD',
			spendMicros: 125_500_000,
			valueMicros: 410_200_000,
			conversions: 3.5,
		});
	});

	it('rejects cost micros that are not a whole non-negative number', () => {
		const read = reader(settings({ format: 'googleAds' }));
		expect(thrown(() => read({ ...googleRow, metrics: { costMicros: '12.5' } })).field).toBe('metrics.costMicros');
		expect(thrown(() => read({ ...googleRow, metrics: {} })).message).toContain('is missing');
	});
});
