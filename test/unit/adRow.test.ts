import { InvalidItemValueError, InvalidSettingError } from '../../nodes/shared/errors';
import { createRowReader, emptyRow, type AdRow, type RowReaderSettings } from '../../nodes/shared/metrics/adRow';
import { itemProblem } from './thrown';

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

describe('edges of a row', () => {
	const read = reader(settings());
	const fieldOf = itemProblem;

	it('numeric campaign and account ids from a sheet stay ids (not ""), so two campaigns never merge', () => {
		const row = read({ campaignName: 42, accountId: 7, spend: 1, conversionValue: 1 });
		expect(row).toMatchObject({ campaignName: '42', campaignId: '42', accountId: '7' });
		expect(read({ campaignName: 0, spend: 1, conversionValue: 1 }).campaignId).toBe('0');
		expect(read({ campaignName: BigInt('9007199254740993'), spend: 1, conversionValue: 1 }).campaignId).toBe('9007199254740993');
		expect(read({ campaignName: '  Brand  ', spend: 1, conversionValue: 1 }).campaignName).toBe('Brand');
		expect(read({ campaignName: { id: 1 }, spend: 1, conversionValue: 1 }).campaignName).toBe('');
		expect(read({ campaignName: true, spend: 1, conversionValue: 1 }).campaignName).toBe('');
	});

	it('amounts: 0 is an amount, a millionth below 0 is not; micros are rounded once', () => {
		expect(read({ spend: 0, conversionValue: 0 })).toMatchObject({ spendMicros: 0, valueMicros: 0 });
		expect(read({ spend: '0.0000004', conversionValue: '0.0000005' })).toMatchObject({ spendMicros: 0, valueMicros: 1 });
		expect(fieldOf(() => read({ spend: -0.000001, conversionValue: 1 }))).toBe('spend: is -0.000001; an amount cannot be negative');
		expect(fieldOf(() => read({ spend: 'abc', conversionValue: 1 }))).toBe('spend: is "abc", which is not an amount');
		expect(fieldOf(() => read({ spend: 1, conversionValue: Number.POSITIVE_INFINITY }))).toMatch(/^conversionValue: is .+, which is not an amount$/);
	});

	it('a needed figure must be there; one not needed counts as 0 when absent but is checked when present', () => {
		expect(fieldOf(() => read({ spend: 1 }))).toBe('conversionValue: is missing; every row needs it (use 0 for none)');
		expect(fieldOf(() => read({ spend: 1, conversionValue: '' }))).toBe('conversionValue: is missing; every row needs it (use 0 for none)');
		expect(read({ spend: 1, conversionValue: 1 }).conversions).toBe(0);
		expect(read({ spend: 1, conversionValue: 1, conversions: '' }).conversions).toBe(0);
		expect(read({ spend: 1, conversionValue: 1, conversions: null }).conversions).toBe(0);
		expect(fieldOf(() => read({ spend: 1, conversionValue: 1, conversions: 'two' }))).toBe('conversions: is "two", which is not a number');
		expect(fieldOf(() => read({ spend: 1, conversionValue: 1, conversions: -1 }))).toBe('conversions: is -1; a count cannot be negative');
		expect(read({ spend: 1, conversionValue: 1, conversions: 0 }).conversions).toBe(0);
	});

	it('a needed figure with no field named is a settings error; one not needed reads 0', () => {
		expect(() => createRowReader(settings({ mapping: { ...settings().mapping, spend: ' ' } }))).toThrow(InvalidSettingError);
		expect(() => createRowReader(settings({ mapping: { ...settings().mapping, spend: '' } }))).toThrow('is empty; name the field that holds this figure');
		const noConversions = reader(settings({ mapping: { ...settings().mapping, conversions: '' } }));
		expect(noConversions({ spend: 1, conversionValue: 1, conversions: 5 }).conversions).toBe(0);
	});

	it("the row's own target: a number of 0 or more; empty is none; negative or text is an error", () => {
		const withTarget = reader(settings({ mapping: { ...settings().mapping, target: 'target' } }));
		expect(withTarget({ spend: 1, conversionValue: 1, target: '2.5' }).target).toBe(2.5);
		expect(withTarget({ spend: 1, conversionValue: 1, target: 0 }).target).toBe(0);
		expect(withTarget({ spend: 1, conversionValue: 1, target: '' }).target).toBeUndefined();
		expect(withTarget({ spend: 1, conversionValue: 1 }).target).toBeUndefined();
		expect(fieldOf(() => withTarget({ spend: 1, conversionValue: 1, target: -1 }))).toBe('target: is -1, which is not a usable target');
		expect(fieldOf(() => withTarget({ spend: 1, conversionValue: 1, target: 'high' }))).toBe('target: is "high", which is not a usable target');
	});

	it('currency: the field, else the default currency; the last day from an Ad Metrics period', () => {
		const euro = reader(settings({ defaultCurrency: 'EUR' }));
		expect(euro({ spend: 1, conversionValue: 1 }).currency).toBe('EUR');
		expect(euro({ spend: 1, conversionValue: 1, currency: 'USD' }).currency).toBe('USD');
		expect(read({ spend: 1, conversionValue: 1, date: '2026-11-20', period: { from: '2026-11-20', to: '2026-11-26' } })).toMatchObject({
			date: '2026-11-20',
			dateTo: '2026-11-26',
		});
		expect(read({ spend: 1, conversionValue: 1, date: '2026-11-20', period: { from: '2026-11-20' } }).dateTo).toBe('2026-11-20');
		expect(read({ spend: 1, conversionValue: 1, date: '2026-11-20', period: 'current' }).dateTo).toBe('2026-11-20');
	});

	it('auto format: Google by a metrics object, Meta by date_start, actions or action_values, else the mapped fields', () => {
		expect(read({ metrics: { costMicros: '2000000', conversionsValue: 4 }, campaign: { id: 1, name: 'G' } })).toMatchObject({
			campaignName: 'G',
			spendMicros: 2_000_000,
			valueMicros: 4_000_000,
		});
		expect(read({ spend: '3', actions: [], campaign_name: 'M' })).toMatchObject({ campaignName: 'M', spendMicros: 3_000_000, valueMicros: 0 });
		expect(read({ spend: '3', action_values: [{ action_type: 'omni_purchase', value: '6' }], campaign_name: 'M' }).valueMicros).toBe(6_000_000);
		expect(read({ spend: '3', date_start: '2026-11-01', campaign_name: 'M' })).toMatchObject({ date: '2026-11-01', dateTo: '2026-11-01', valueMicros: 0 });
		// metrics that is a list is not Google's: the mapped fields are read.
		expect(fieldOf(() => read({ metrics: [1], spend: 1 }))).toBe('conversionValue: is missing; every row needs it (use 0 for none)');
	});

	it('Meta: actions must be a list; entries that are not objects are skipped', () => {
		const meta = reader(settings({ format: 'meta' }));
		expect(fieldOf(() => meta({ spend: '1', actions: 'six' }))).toBe('actions: is "six"; Meta sends a list of {action_type, value}');
		expect(fieldOf(() => meta({ spend: '1', action_values: { value: 1 } }))).toMatch(/^action_values: is .+; Meta sends a list of \{action_type, value\}$/);
		expect(meta({ spend: '1', actions: [null, 'x', { action_type: 'omni_purchase', value: '2' }] }).conversions).toBe(2);
		expect(fieldOf(() => meta({ actions: [] }))).toBe('spend: is missing; every row needs it (use 0 for none)');
		expect(meta({ spend: '1', date_start: '2026-11-01', date_stop: '2026-11-07' })).toMatchObject({ date: '2026-11-01', dateTo: '2026-11-07' });
	});

	it('Google: cost must be a whole, non-negative number of micros', () => {
		const google = reader(settings({ format: 'googleAds' }));
		expect(google({ metrics: { costMicros: '0' } }).spendMicros).toBe(0);
		expect(google({ metrics: { costMicros: 1 } }).spendMicros).toBe(1);
		expect(fieldOf(() => google({ metrics: { costMicros: '1.5' } }))).toBe('metrics.costMicros: is "1.5", which is not a whole number of micros');
		expect(fieldOf(() => google({ metrics: { costMicros: '-1' } }))).toBe('metrics.costMicros: is "-1", which is not a whole number of micros');
		expect(fieldOf(() => google({ metrics: {} }))).toBe('metrics.costMicros: is missing; every row needs it (use 0 for none)');
		expect(google({ metrics: { costMicros: '5' }, customer: { id: 12, currencyCode: 'USD' }, segments: { date: '2026-11-03' } })).toMatchObject({
			accountId: '12',
			currency: 'USD',
			date: '2026-11-03',
			dateTo: '2026-11-03',
		});
		expect(google({ metrics: { costMicros: '5' }, campaign: 'x', customer: [], segments: null })).toMatchObject({ campaignId: '', accountId: '' });
	});
});

describe('strict rows (ROAS Calculator and CPA Tracker version 2)', () => {
	const strict = reader(settings({ strict: true }));
	const lenient = reader(settings());
	const base = { campaignName: 'Brand', spend: '100', conversionValue: '300', currency: 'USD' };

	it('group separators only in groups of three: "1,234.50" reads, "1,2,3" is an error naming the field (version 1 read 123)', () => {
		expect(strict({ ...base, spend: '1,234.50' }).spendMicros).toBe(1_234_500_000);
		expect(itemProblem(() => strict({ ...base, spend: '1,2,3' }))).toBe('spend: is "1,2,3", which is not an amount');
		expect(lenient({ ...base, spend: '1,2,3' }).spendMicros).toBe(123_000_000);
		expect(itemProblem(() => strict({ ...base, conversionValue: '12,34' }))).toBe('conversionValue: is "12,34", which is not an amount');
		expect(reader(settings({ strict: true, decimalSeparator: ',' }))({ ...base, spend: '1.234,50' }).spendMicros).toBe(1_234_500_000);
	});

	it('conversions and a target from the Target Field are read strictly too', () => {
		const cpaRows = reader(settings({ strict: true, needs: { value: false, conversions: true }, mapping: { ...settings().mapping, target: 'goal' } }));
		expect(itemProblem(() => cpaRows({ ...base, conversions: '1,0' }))).toBe('conversions: is "1,0", which is not a number');
		expect(cpaRows({ ...base, conversions: '1,000' }).conversions).toBe(1000);
		expect(itemProblem(() => cpaRows({ ...base, conversions: 1, goal: '2,5' }))).toBe('goal: is "2,5", which is not a usable target');
		expect(cpaRows({ ...base, conversions: 1, goal: '2,500' }).target).toBe(2500);
	});

	it('a row whose campaign cannot be read keeps nothing of the previous row in the reused row', () => {
		const read = createRowReader(settings({ strict: true }));
		const row = emptyRow();
		read({ ...base, campaignName: 'Brand', accountId: 'acc-1' }, row);
		expect(() => read({ ...base, campaignName: ['Brand'], accountId: 'acc-2' }, row)).toThrow(InvalidItemValueError);
		expect([row.campaignId, row.accountId]).toEqual(['', '']);
	});

	it('a list or an object in a text field is an error, not an empty value', () => {
		expect(itemProblem(() => strict({ ...base, currency: ['USD', 'EUR'] }))).toBe('currency: is ["USD","EUR"], a list; it must be a single value');
		expect(itemProblem(() => strict({ ...base, campaignName: { name: 'Brand' } }))).toBe(
			'campaignName: is {"name":"Brand"}, an object; it must be a single value',
		);
		expect(lenient({ ...base, currency: ['USD', 'EUR'] }).currency).toBe('');
		expect(strict({ ...base, campaignName: 42 }).campaignName).toBe('42');
	});

	it('currency codes in upper case, the Default Currency too: "usd" and "USD" are one currency', () => {
		expect(strict({ ...base, currency: ' usd ' }).currency).toBe('USD');
		expect(lenient({ ...base, currency: 'usd' }).currency).toBe('usd');
		expect(reader(settings({ strict: true, defaultCurrency: 'eur' }))({ campaignName: 'B', spend: 1, conversionValue: 1 }).currency).toBe('EUR');
	});

	it('an amount written in another currency than its row is an error; the same, or an ambiguous sign, is not', () => {
		expect(itemProblem(() => strict({ ...base, spend: '€100' }))).toBe('spend: is "€100", an amount in EUR, but the row\'s currency is USD');
		expect(itemProblem(() => strict({ ...base, conversionValue: '300 GBP' }))).toBe(
			'conversionValue: is "300 GBP", an amount in GBP, but the row\'s currency is USD',
		);
		expect(itemProblem(() => strict({ ...base, spend: 'eur 5' }))).toBe('spend: is "eur 5", an amount in EUR, but the row\'s currency is USD');
		expect(strict({ ...base, spend: 'USD 100' }).spendMicros).toBe(100_000_000);
		expect(strict({ ...base, spend: '$100' }).spendMicros).toBe(100_000_000);
		expect(strict({ ...base, currency: 'EUR', spend: '€100' }).spendMicros).toBe(100_000_000);
		expect(strict({ ...base, currency: '', spend: '€100' }).spendMicros).toBe(100_000_000);
		expect(lenient({ ...base, spend: '€100' }).spendMicros).toBe(100_000_000);
	});
});

describe('version 2: text of only spaces is a missing value', () => {
	const reader = (format: 'fields' | 'meta' | 'googleAds', strict: boolean) =>
		createRowReader(settings({ format, mapping: { ...settings().mapping, target: 'target' }, strict }));
	const problem = (format: 'fields' | 'meta' | 'googleAds', strict: boolean, json: Record<string, unknown>) =>
		itemProblem(() => reader(format, strict)(json, emptyRow()));

	it('mapped rows: a blank required figure is missing, a blank optional one and a blank target are none', () => {
		expect(problem('fields', true, { campaignName: 'A', spend: '  ', conversionValue: 1 })).toBe('spend: is missing; every row needs it (use 0 for none)');
		expect(problem('fields', false, { campaignName: 'A', spend: '  ', conversionValue: 1 })).toBe('spend: is "  ", which is not an amount');
		expect(problem('fields', true, { campaignName: 'A', spend: 1, conversionValue: 1, conversions: ' ', target: '\t' })).toBe('no error');
		expect(problem('fields', false, { campaignName: 'A', spend: 1, conversionValue: 1, target: ' ' })).toBe('target: is " ", which is not a usable target');
	});

	it('platform rows: Meta spend and an action with no value, Google cost', () => {
		const meta = { campaign_name: 'A', spend: '1', action_values: [{ action_type: 'omni_purchase', value: ' ' }] };
		expect(problem('meta', true, meta)).toBe('action_values: has no value in its "omni_purchase" entry');
		expect(problem('meta', false, meta)).toBe('action_values: is " ", which is not an amount');
		expect(problem('meta', true, { ...meta, spend: ' ', action_values: [] })).toBe('spend: is missing; every row needs it (use 0 for none)');
		expect(problem('meta', true, { ...meta, action_values: [{ action_type: 'purchase' }, { action_type: 'omni_purchase', value: '5' }] })).toBe('no error');
		expect(problem('googleAds', true, { campaign: { name: 'A' }, metrics: { costMicros: ' ' } })).toBe(
			'metrics.costMicros: is missing; every row needs it (use 0 for none)',
		);
		expect(problem('googleAds', false, { campaign: { name: 'A' }, metrics: { costMicros: ' ' } })).toBe(
			'metrics.costMicros: is " ", which is not a whole number of micros',
		);
	});
});
