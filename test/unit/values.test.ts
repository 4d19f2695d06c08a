import { formatDecimal, formatMoney, formatRatio } from '../../nodes/shared/values/format';
import { compileFieldPath } from '../../nodes/shared/values/fieldPath';
import { parseInstant } from '../../nodes/shared/values/instant';
import { escapeFor } from '../../nodes/shared/values/escape';
import { compileTemplate, settingTemplate } from '../../nodes/shared/values/template';
import { InvalidSettingError } from '../../nodes/shared/errors';
import { thrown } from './thrown';
import { parseDecimal } from '../../nodes/shared/values/number';
import { isAbsent } from '../../nodes/shared/values/absent';

describe('compileFieldPath', () => {
	const read = (path: string, json: unknown) => {
		const compiled = compileFieldPath(path);
		if (!compiled.ok) throw new Error(compiled.problem);
		return compiled.value(json);
	};

	it('reads top-level, nested, indexed and quoted fields', () => {
		const json = { eventType: 'lead', customer: { tier: 'vip' }, lines: [{ sku: 'A1' }], 'odd key': 1 };
		expect(read('eventType', json)).toBe('lead');
		expect(read('customer.tier', json)).toBe('vip');
		expect(read('lines[0].sku', json)).toBe('A1');
		expect(read('["odd key"]', json)).toBe(1);
	});

	it('prefers a flat key that contains a dot', () => {
		expect(read('utm.source', { 'utm.source': 'ads', utm: { source: 'nested' } })).toBe('ads');
	});

	it('gives undefined for a missing path instead of throwing', () => {
		expect(read('customer.tier', { customer: null })).toBeUndefined();
		expect(read('a.b.c', {})).toBeUndefined();
	});

	it('rejects an empty or broken path', () => {
		expect(compileFieldPath('  ')).toEqual({ ok: false, problem: expect.stringContaining('empty') });
		expect(compileFieldPath('lines[0')).toEqual({ ok: false, problem: expect.stringContaining('closing "]"') });
	});
});

describe('parseDecimal', () => {
	it.each([
		[12.5, '.', 12.5],
		['12.5', '.', 12.5],
		['$1,234.50', '.', 1234.5],
		['-$5', '.', -5],
		['USD 99', '.', 99],
		['1.234,50 €', ',', 1234.5],
		["1'234.5", '.', 1234.5],
		['.5', '.', 0.5],
	] as const)('reads %j with "%s" decimals as %d', (value, separator, expected) => {
		expect(parseDecimal(value, separator)).toBe(expected);
	});

	it.each(['', 'abc', '12abc', '1.2.3', 'twelve', '--5'])('gives NaN for %j', (value) => {
		expect(parseDecimal(value)).toBeNaN();
	});

	it.each([
		// What Number() would accept but an amount is not: hex, exponents, Infinity, a lone sign or dot.
		'0x10',
		'1e5',
		'1E5',
		'5e',
		'Infinity',
		'-Infinity',
		'NaN',
		'+',
		'-',
		'.',
		'+.',
		'abc12',
		'12 34x',
		'$',
		'USD',
		'12$3',
		'0b101',
		'0o17',
	])('gives NaN for %j: the whole text must be a decimal, anchored at both ends', (value) => {
		expect(parseDecimal(value)).toBeNaN();
	});

	it.each([
		['+5', '.', 5],
		['-.5', '.', -0.5],
		['5.', '.', 5],
		['007', '.', 7],
		['  42  ', '.', 42],
		['1 234,5', ',', 1234.5],
		['1\u00a0234.5', '.', 1234.5],
		['EUR 12,50', ',', 12.5],
		['12.50 EUR', '.', 12.5],
		['£3', '.', 3],
		['US$ 9', '.', 9],
		['-€7', '.', -7],
		['- $ 7', '.', -7],
		['12,5', ',', 12.5],
		['12,5', '.', 125],
		['1.234', ',', 1234],
		['1.234', '.', 1.234],
	] as const)('reads %j with "%s" decimals as %d', (value, separator, expected) => {
		expect(parseDecimal(value, separator)).toBe(expected);
	});

	it('keeps numbers as they are, even when not finite (callers name them)', () => {
		expect(parseDecimal(0)).toBe(0);
		expect(parseDecimal(-3.5)).toBe(-3.5);
		expect(parseDecimal(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
	});

	it('gives NaN for values that are not numbers or text', () => {
		expect(parseDecimal(null)).toBeNaN();
		expect(parseDecimal({ amount: 1 })).toBeNaN();
		expect(parseDecimal(true)).toBeNaN();
	});
});

describe('parseInstant', () => {
	it('reads ISO 8601 with and without an offset', () => {
		expect(parseInstant('2026-11-27T18:00:00Z', 'Europe/Berlin')).toBe(Date.parse('2026-11-27T18:00:00Z'));
		// without an offset the time is read in the zone: 18:00 Berlin = 17:00 UTC
		expect(parseInstant('2026-11-27T18:00', 'Europe/Berlin')).toBe(Date.parse('2026-11-27T17:00:00Z'));
	});

	it('reads UTC ISO times quickly, and still refuses days a month does not have', () => {
		expect(parseInstant('2026-12-01T08:00:00.123Z', 'Europe/Berlin')).toBe(Date.parse('2026-12-01T08:00:00.123Z'));
		expect(parseInstant('2026-12-01T08:00Z', 'UTC')).toBe(Date.parse('2026-12-01T08:00:00Z'));
		expect(parseInstant('2028-02-29T12:00:00Z', 'UTC')).toBe(Date.parse('2028-02-29T12:00:00Z'));
		// Date.parse would roll these over to March 2 and March 1
		expect(parseInstant('2026-02-30T00:00:00Z', 'UTC')).toBeNaN();
		expect(parseInstant('2026-02-29T00:00:00Z', 'UTC')).toBeNaN();
		expect(parseInstant('2026-12-01T25:00:00Z', 'UTC')).toBeNaN();
	});

	it('reads SQL dates and Unix timestamps in seconds or milliseconds', () => {
		expect(parseInstant('2026-11-27 18:00:00', 'UTC')).toBe(Date.parse('2026-11-27T18:00:00Z'));
		const epochMs = Date.parse('2026-11-27T18:00:00Z');
		expect(parseInstant(epochMs, 'UTC')).toBe(epochMs);
		expect(parseInstant(epochMs / 1000, 'UTC')).toBe(epochMs);
		expect(parseInstant(String(epochMs / 1000), 'UTC')).toBe(epochMs);
	});

	it.each(['tomorrow', '', '2026-13-45', 'next tuesday'])('gives NaN for %j', (value) => {
		expect(parseInstant(value, 'UTC')).toBeNaN();
	});
});

describe('formatDecimal and formatMoney', () => {
	it.each([
		[0, '0', '0.00'],
		[1234.5, '1,234.5', '1,234.50'],
		[1234567.891, '1,234,567.89', '1,234,567.89'],
		[0.3333, '0.33', '0.33'],
		[0.05, '0.05', '0.05'],
		[-2, '-2', '-2.00'],
		[-0.001, '0', '0.00'],
		[999.999, '1,000', '1,000.00'],
		[100, '100', '100.00'],
	])('%d reads "%s" and as money "%s"', (value, decimal, money) => {
		expect(formatDecimal(value)).toBe(decimal);
		expect(formatMoney(value)).toBe(money);
	});

	it('agrees with Intl.NumberFormat on many values', () => {
		const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
		const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
		for (let index = 0; index < 2000; index++) {
			const value = Math.round(((index * 7919) % 10_000_000) - 1_000_000) / 137;
			expect(formatDecimal(value)).toBe(decimal.format(value).replace(/^-0$/, '0'));
			expect(formatMoney(value)).toBe(money.format(value).replace(/^-0\.00$/, '0.00'));
		}
	});
});

describe('escapeFor: values from the data, escaped for the destination', () => {
	const hostile = '<!channel> <https://evil.example|verify> & "you" \'now\'';

	it('Slack: &, < and > as entities, nothing else', () => {
		expect(escapeFor.slack(hostile)).toBe('&lt;!channel&gt; &lt;https://evil.example|verify&gt; &amp; "you" \'now\'');
		expect(escapeFor.slack('plain *bold* _it_')).toBe('plain *bold* _it_');
	});

	it('HTML: quotes too; plain text: as it is', () => {
		expect(escapeFor.html(hostile)).toBe('&lt;!channel&gt; &lt;https://evil.example|verify&gt; &amp; &quot;you&quot; &#39;now&#39;');
		expect(escapeFor.plain(hostile)).toBe(hostile);
	});

	it('templates escape the values they fill in, not their own text', () => {
		const compiled = compileTemplate('<!here> {campaign} is *down*', ['campaign'], { escape: escapeFor.slack });
		if (!compiled.ok) throw new Error(compiled.problem);
		expect(compiled.value({ campaign: '<!channel>' })).toBe('<!here> &lt;!channel&gt; is *down*');
	});
});

describe('parseDecimal with strict grouping (the ad nodes from version 2)', () => {
	const strict = (value: unknown, separator: '.' | ',' = '.') => parseDecimal(value, separator, { strictGrouping: true });

	it.each([
		['1,234', '.', 1234],
		['1,234,567.89', '.', 1234567.89],
		['$1,234.50', '.', 1234.5],
		['-1,000', '.', -1000],
		['12,345.', '.', 12345],
		['999', '.', 999],
		['1 234 567', '.', 1234567],
		["1'234.5", '.', 1234.5],
		['1\u00a0234', '.', 1234],
		['1.234,50 €', ',', 1234.5],
		['1.234.567', ',', 1234567],
		['1 234,5', ',', 1234.5],
		['0,5', ',', 0.5],
		['USD 99', '.', 99],
		[12.5, '.', 12.5],
	] as Array<[unknown, '.' | ',', number]>)('%j (decimal %s) is %d', (value, separator, expected) => {
		expect(strict(value, separator)).toBe(expected);
	});

	it.each([
		['1,2,3', '.'],
		['12,34', '.'],
		['1,2345', '.'],
		['1234,567', '.'],
		[',123', '.'],
		['1,234 567', '.'],
		['1.234,5', '.'],
		['1.234.5', '.'],
		['1.2,5', ','],
		['12.34', ','],
		['1 23', '.'],
		['1,234.5,6', '.'],
	] as Array<[string, '.' | ',']>)('%j (decimal %s) is not a number: separators where no group of three ends', (value, separator) => {
		expect(strict(value, separator)).toBeNaN();
		// Version 1 reassembled them into another number.
		expect(Number.isNaN(parseDecimal(value, separator))).toBe(value === '1.234.5');
	});
});

describe('formatRatio: two significant digits below 0.1', () => {
	it.each([
		[0.0024, '0.0024'],
		[0.055, '0.055'],
		[0.0999, '0.1'],
		[0.1, '0.1'],
		[0.123, '0.12'],
		[2.5, '2.5'],
		[1234.5, '1,234.5'],
		[0, '0'],
		[0.0000001234, '0.00000012'],
		[1e-30, '0'],
		[-0.0031, '-0.0031'],
		[Infinity, 'Infinity'],
	])('%p reads %j', (value, shown) => {
		expect(formatRatio(value)).toBe(shown);
	});
});

describe('message templates, version 2: tidy whatever is empty', () => {
	const names = ['campaign', 'spend', 'currency', 'from', 'to', 'series'];
	const render = (template: string, values: Record<string, string>) => {
		const compiled = compileTemplate(template, names, { tidy: true });
		if (!compiled.ok) throw new Error(compiled.problem);
		return compiled.value(values);
	};
	const roas = '{campaign}: Spend {spend} {currency}, revenue 5 {currency} ({from} to {to}).';

	it('a bracket whose placeholders are all empty is left out; spaces around empty values close up', () => {
		expect(render(roas, { campaign: 'A', spend: '100.00', currency: '', from: '', to: '' })).toBe('A: Spend 100.00, revenue 5.');
		expect(render(roas, { campaign: 'A', spend: '100.00', currency: 'USD', from: '2026-12-01', to: '2026-12-02' })).toBe(
			'A: Spend 100.00 USD, revenue 5 USD (2026-12-01 to 2026-12-02).',
		);
		// one of the two is there: the bracket stays
		expect(render(roas, { campaign: 'A', spend: '1', currency: '', from: '2026-12-01', to: '' })).toBe('A: Spend 1, revenue 5 (2026-12-01 to).');
		expect(render('{campaign} ( {series} ) now', { campaign: 'A', series: 'x' })).toBe('A (x) now');
		expect(render('{campaign} [{series}] ok', { campaign: 'A', series: '' })).toBe('A ok');
		expect(render('{campaign} [ {series} ] ok', { campaign: 'A', series: 'x' })).toBe('A [x] ok');
	});

	it("leaves values and the template's own brackets and lines alone", () => {
		expect(render('{campaign} (daily) ok', { campaign: 'Brand  (EU) ,x' })).toBe('Brand  (EU) ,x (daily) ok');
		expect(render('  {campaign}  \n  line two  ', { campaign: 'A' })).toBe('A\nline two');
		expect(render('{campaign} , .', { campaign: '' })).toBe(',.');
		expect(render('{campaign}', { campaign: '   ' })).toBe('');
	});

	it('escapes filled values, never the template', () => {
		const compiled = compileTemplate('*{campaign}* ({from})', ['campaign', 'from'], { tidy: true, escape: (text) => text.replace(/\*/g, '\\*') });
		expect(compiled.ok && compiled.value({ campaign: 'a*b', from: '' })).toBe('*a\\*b*');
	});

	it('without tidy (version 1), the text is kept as it was', () => {
		const compiled = compileTemplate(roas, names);
		expect(compiled.ok && compiled.value({ campaign: 'A', spend: '100.00' })).toBe('A: Spend 100.00 , revenue 5  ( to ).');
	});
});

describe('isAbsent', () => {
	it.each([
		[undefined, true, true],
		[null, true, true],
		['', true, true],
		['   ', false, true],
		['\t\n', false, true],
		[' 0 ', false, false],
		[0, false, false],
		[false, false, false],
		[[], false, false],
	])('%j: version 1 %p, blank text too %p', (value, plain, blankToo) => {
		expect([isAbsent(value), isAbsent(value, true)]).toEqual([plain, blankToo]);
	});
});

describe('settingTemplate', () => {
	it('an unknown placeholder is a setting error naming the parameter and every placeholder it could have meant', () => {
		const error = thrown(() => settingTemplate('{campain} low', ['campaign', 'value'], 'Alert Message', { tidy: true }));
		expect(error).toBeInstanceOf(InvalidSettingError);
		expect(error).toMatchObject({ parameter: 'Alert Message', message: '{campain} is not a placeholder this node fills; use {campaign}, {value}' });
	});

	it('in tidy mode a placeholder given no value at all counts as empty', () => {
		expect(settingTemplate('{campaign} ({value}) now', ['campaign', 'value'], 'Alert Message', { tidy: true })({ campaign: 'A' })).toBe('A now');
	});
});
