/**
 * Field paths as n8n writes them when a field is dragged in (values/fieldPath.ts), the Batch Digest's
 * line templates (digest/lineTemplate.ts), and the Health Monitor's threshold rules (health/thresholds.ts),
 * at their edges.
 */
import { InvalidItemValueError, InvalidSettingError } from '../../nodes/shared/errors';
import { compileLineTemplate } from '../../nodes/shared/digest/lineTemplate';
import { severityOf, thresholdFor, validateThresholds, type Thresholds } from '../../nodes/shared/health/thresholds';
import { compileFieldPath, settingFieldReader, topLevelKey } from '../../nodes/shared/values/fieldPath';

const read = (path: string, json: unknown) => settingFieldReader(path, 'Field')(json);

describe('field paths', () => {
	it('quoted keys in brackets, with either quote; unquoted bracket keys; spaces inside brackets', () => {
		const json = { 'odd key': 1, "it's": 2, lines: [{ sku: 'A1' }], map: { 'a.b': 3 } };
		expect(read('["odd key"]', json)).toBe(1);
		expect(read("['odd key']", json)).toBe(1);
		expect(read('[ "odd key" ]', json)).toBe(1);
		expect(read('["it\'s"]', json)).toBe(2);
		expect(read('lines[0].sku', json)).toBe('A1');
		expect(read('lines[ 0 ].sku', json)).toBe('A1');
		expect(read('map["a.b"]', json)).toBe(3);
		// A quote on one side only is part of the key.
		expect(read('["odd key]', { '"odd key': 9 })).toBe(9);
	});

	it("names every object has (constructor, toString) are read only as the item's own fields", () => {
		expect(read('constructor', {})).toBeUndefined();
		expect(read('constructor', { constructor: 'mine' })).toBe('mine');
		expect(read('toString', { a: 1 })).toBeUndefined();
		expect(read('a.constructor', { a: {} })).toBeUndefined();
		expect(read('a.constructor', { a: { constructor: 5 } })).toBe(5);
		expect(read('constructor', 'text')).toBeUndefined();
	});

	it('a top-level field reads from objects only', () => {
		expect(read('length', 'text')).toBeUndefined();
		expect(read('a', null)).toBeUndefined();
		expect(read('a', [1])).toBeUndefined();
		expect(read('0', ['x'])).toBe('x');
	});

	it('paths that name nothing are problems that say so', () => {
		expect(compileFieldPath('')).toEqual({ ok: false, problem: 'The field name is empty: drag a field from the input here' });
		expect(compileFieldPath('   ')).toEqual({ ok: false, problem: 'The field name is empty: drag a field from the input here' });
		expect(compileFieldPath('lines[0')).toEqual({ ok: false, problem: 'The field "lines[0" has a "[" without a closing "]"' });
		expect(compileFieldPath('.')).toEqual({ ok: false, problem: 'The field "." names no key' });
		expect(() => settingFieldReader('a[', 'Spend Field')).toThrow(InvalidSettingError);
		expect(() => settingFieldReader('a[', 'Spend Field')).toThrow(expect.objectContaining({ parameter: 'Spend Field' }));
	});

	it('topLevelKey: the key of a one-segment path that is not inherited; undefined otherwise', () => {
		expect(topLevelKey('eventType')).toBe('eventType');
		expect(topLevelKey(' eventType ')).toBe('eventType');
		expect(topLevelKey('["odd key"]')).toBe('odd key');
		expect(topLevelKey('a.b')).toBeUndefined();
		expect(topLevelKey('constructor')).toBeUndefined();
		expect(topLevelKey('')).toBeUndefined();
		expect(topLevelKey('a[')).toBeUndefined();
	});
});

describe('line templates', () => {
	it('fills each kind of value as text; null is empty; objects as JSON; missing is an error naming the field', () => {
		const line = compileLineTemplate('{ n }|{b}|{big}|{when}|{nothing}|{obj}|{text}', 'Line');
		expect(line({ n: 1.5, b: false, big: BigInt(7), when: new Date('2026-12-01T00:00:00Z'), nothing: null, obj: { a: [1] }, text: 'hi' })).toBe(
			'1.5|false|7|2026-12-01T00:00:00.000Z||{"a":[1]}|hi',
		);
		expect(() => line({ n: 1 })).toThrow(expect.objectContaining({ field: 'b', message: 'is missing, and the line template uses it' }));
		expect(() => line({ n: 1 })).toThrow(InvalidItemValueError);
	});

	it('escapes values, not the template text', () => {
		const line = compileLineTemplate('<b>{name}</b>', 'Line', (text) => text.replace(/</g, '&lt;'));
		expect(line({ name: '<!channel>' })).toBe('<b>&lt;!channel></b>');
	});

	it('a template without a field, or with a broken one, is a settings error naming the parameter', () => {
		expect(() => compileLineTemplate('just text', 'Line Template')).toThrow('The line names no field: put one in braces, as {eventType}');
		expect(() => compileLineTemplate('just text', 'Line Template')).toThrow(expect.objectContaining({ parameter: 'Line Template' }));
		expect(() => compileLineTemplate('{a[}', 'Line Template')).toThrow('{a[}: The field "a[" has a "[" without a closing "]"');
		expect(() => compileLineTemplate('{ }', 'Line Template')).toThrow('{ }: The field name is empty: drag a field from the input here');
	});
});

describe('thresholds', () => {
	const base = (overrides: Partial<Thresholds>): Thresholds => ({ condition: 'above', margin: 0, ...overrides });

	it('validation: margins from 0 to below 100%; a range needs a bound in order; lines need one and their order', () => {
		expect(validateThresholds(base({ warning: 1, margin: 0 })).ok).toBe(true);
		expect(validateThresholds(base({ warning: 1, margin: 0.99 })).ok).toBe(true);
		expect(validateThresholds(base({ warning: 1, margin: 1 }))).toEqual({
			ok: false,
			problem: 'the Recovery Margin (100%) must be at least 0% and below 100%',
		});
		expect(validateThresholds(base({ warning: 1, margin: -0.01 }))).toEqual({
			ok: false,
			problem: 'the Recovery Margin (-1%) must be at least 0% and below 100%',
		});
		expect(validateThresholds(base({ condition: 'outsideRange' }))).toEqual({ ok: false, problem: 'Outside Range needs a Low or a High value' });
		expect(validateThresholds(base({ condition: 'outsideRange', low: 1 })).ok).toBe(true);
		expect(validateThresholds(base({ condition: 'outsideRange', high: 1 })).ok).toBe(true);
		expect(validateThresholds(base({ condition: 'outsideRange', low: 5, high: 5 })).ok).toBe(true);
		expect(validateThresholds(base({ condition: 'outsideRange', low: 6, high: 5 }))).toEqual({ ok: false, problem: 'Low (6) is above High (5)' });
		expect(validateThresholds(base({}))).toEqual({ ok: false, problem: 'set a Warning or a Critical threshold' });
		expect(validateThresholds(base({ critical: 5 })).ok).toBe(true);
		expect(validateThresholds(base({ warning: 5, critical: 5 })).ok).toBe(true);
		expect(validateThresholds(base({ warning: 6, critical: 5 }))).toEqual({
			ok: false,
			problem: 'the Warning threshold (6) is above the Critical one (5); warning must come first',
		});
		expect(validateThresholds(base({ condition: 'below', warning: 4, critical: 5 }))).toEqual({
			ok: false,
			problem: 'the Warning threshold (4) is below the Critical one (5); warning must come first',
		});
		expect(validateThresholds(base({ condition: 'below', warning: 5, critical: 4 })).ok).toBe(true);
		expect(validateThresholds(base({ condition: 'changeAbove', warning: 60, critical: 50 })).ok).toBe(false);
	});

	it('a range: outside either bound is its severity; back inside only past the margin of its width', () => {
		const range = base({ condition: 'outsideRange', low: 10, high: 20, rangeSeverity: 'warning', margin: 0.1 });
		expect([9.99, 10, 20, 20.01].map((value) => severityOf(value, range, 'ok'))).toEqual(['warning', 'ok', 'ok', 'warning']);
		expect([10.99, 11, 19, 19.01].map((value) => severityOf(value, range, 'warning'))).toEqual(['warning', 'ok', 'ok', 'warning']);
		expect(severityOf(5, base({ condition: 'outsideRange', low: 10 }), 'ok')).toBe('critical');
		const highOnly = base({ condition: 'outsideRange', high: 100, margin: 0.1 });
		expect([89.99, 90.01].map((value) => severityOf(value, highOnly, 'critical'))).toEqual(['ok', 'critical']);
		expect(thresholdFor(range, 'warning')).toBe(10);
		expect(thresholdFor(highOnly, 'critical')).toBe(100);
		expect(thresholdFor(base({ condition: 'outsideRange' }), 'critical')).toBeNull();
	});

	it('change above: the size of the change either way', () => {
		const change = base({ condition: 'changeAbove', warning: 50, critical: 80 });
		expect([-80, -50, -49.99, 49.99, 50, 80].map((value) => severityOf(value, change, 'ok'))).toEqual([
			'critical',
			'warning',
			'ok',
			'ok',
			'warning',
			'critical',
		]);
	});

	it('only a critical line: a firing critical recovers past it; only a warning line: the same', () => {
		const criticalOnly = base({ critical: 10, margin: 0.1 });
		expect(severityOf(9.5, criticalOnly, 'critical')).toBe('critical');
		expect(severityOf(8.99, criticalOnly, 'critical')).toBe('ok');
		expect(thresholdFor(criticalOnly, 'warning')).toBe(10);
		const warningOnly = base({ warning: 10, margin: 0.1 });
		expect(severityOf(9.5, warningOnly, 'warning')).toBe('warning');
		expect(severityOf(8.99, warningOnly, 'warning')).toBe('ok');
		expect(thresholdFor(warningOnly, 'critical')).toBe(10);
		expect(thresholdFor(base({}), 'warning')).toBeNull();
	});
});
