/**
 * Alert memory read back (alerting/savedState.ts, the two codecs, the static-data store, the alert
 * field of output items): every way a saved text can be wrong is reported with where, never taken
 * for a fresh start; the old layouts are read once.
 */
import { alertField } from '../../nodes/shared/alerting/alertField';
import { initialRecord, type AlertRecord } from '../../nodes/shared/alerting/alertMachine';
import { objectField, parseMemoryText, readRecord } from '../../nodes/shared/alerting/savedState';
import { STATIC_DATA_KEY, staticDataStore } from '../../nodes/shared/alertMemory/staticDataStore';
import { MemoryStoreError, UnreadableMemoryError } from '../../nodes/shared/alertMemory/store';
import { healthMemoryCodec, legacyHealthText } from '../../nodes/shared/health/memoryCodec';
import { adMemoryCodec, legacyAdText } from '../../nodes/shared/metrics/memoryCodec';
import { problemOf } from './thrown';

const T = Date.parse('2026-12-01T09:00:00Z');
const firing: AlertRecord = { ...initialRecord(T), state: 'firing', severity: 'critical', value: 0.5, notifiedAt: T, announced: true };
const problem = (work: () => unknown) => problemOf(UnreadableMemoryError, work);

describe('parseMemoryText', () => {
	it('not JSON: says how it starts (40 characters)', () => {
		expect(problem(() => parseMemoryText(`{not json ${'x'.repeat(60)}`, 2))).toBe(`it is not JSON (it starts "{not json ${'x'.repeat(30)}")`);
	});
	it.each([['[]'], ['null'], ['5'], ['"text"']])('%s is not a JSON object', (text) => {
		expect(problem(() => parseMemoryText(text, 2))).toBe('it is not a JSON object');
	});
	it('another schema is named', () => {
		expect(problem(() => parseMemoryText('{"schema":1}', 2))).toBe('it is of schema 1, and this node reads schema 2');
		expect(problem(() => parseMemoryText('{}', 2))).toBe('it is of schema undefined, and this node reads schema 2');
		expect(parseMemoryText('{"schema":2,"a":1}', 2)).toEqual({ schema: 2, a: 1 });
	});
	it('objectField: an object, or the field named with where it is', () => {
		expect(objectField({ groups: {} }, 'groups', '')).toEqual({});
		for (const value of [null, [], 'x', 1, undefined])
			expect(problem(() => objectField({ groups: value }, 'groups', 'check "A": '))).toBe('check "A": groups is not an object');
	});
});

describe('readRecord', () => {
	it('a sound record is read as it is', () => {
		expect(readRecord(firing, 'r')).toEqual(firing);
		expect(readRecord({ ...firing, value: null, owed: 'renotify' }, 'r').owed).toBe('renotify');
	});
	it.each<[string, unknown]>([
		['state', 'burning'],
		['severity', 'high'],
		['since', '2026'],
		['count', Number.NaN],
		['raise', null],
		['raiseSince', Number.POSITIVE_INFINITY],
		['notifiedAt', undefined],
		['seenAt', '1'],
		['value', 'x'],
		['value', Number.POSITIVE_INFINITY],
		['owed', 'resolved'],
		['announced', 'yes'],
	])('%s %j is named', (field, value) => {
		expect(problem(() => readRecord({ ...firing, [field]: value }, 'check "A", series "B",'))).toBe(
			`check "A", series "B", has ${field} ${JSON.stringify(value)}`,
		);
	});
	it('something that is not a record at all', () => {
		expect(problem(() => readRecord(null, 'series "B"'))).toBe('series "B" is not an alert record');
		expect(problem(() => readRecord('firing', 'series "B"'))).toBe('series "B" is not an alert record');
	});
});

describe('the ROAS/CPA memory', () => {
	const memory = { rule: 'r', groups: { 'a/c': { alert: firing, identity: { campaign: 'C' }, labels: { campaign: 'C', account: 'a', currency: 'EUR' } } } };
	it('round trip, and empty memory', () => {
		expect(adMemoryCodec.decode(adMemoryCodec.encode(memory))).toEqual(memory);
		expect(adMemoryCodec.empty()).toEqual({ rule: '', groups: {} });
		expect(JSON.parse(adMemoryCodec.encode(memory)).schema).toBe(2);
	});
	it('garbage is named with the group', () => {
		const text = (groups: unknown, rule: unknown = 'r') => JSON.stringify({ schema: 2, rule, groups });
		expect(problem(() => adMemoryCodec.decode(text({}, 5)))).toBe('it has no rule');
		expect(problem(() => adMemoryCodec.decode(text([])))).toBe('groups is not an object');
		expect(problem(() => adMemoryCodec.decode(text({ 'a/c': null })))).toBe('group "a/c" is not an object');
		expect(problem(() => adMemoryCodec.decode(text({ 'a/c': 'x' })))).toBe('group "a/c" is not an object');
		expect(problem(() => adMemoryCodec.decode(text({ 'a/c': { ...memory.groups['a/c'], labels: { campaign: 'C', account: 'a' } } })))).toBe(
			'group "a/c" has labels.currency undefined',
		);
		expect(problem(() => adMemoryCodec.decode(text({ 'a/c': { ...memory.groups['a/c'], labels: 'C' } })))).toBe('group "a/c": labels is not an object');
		expect(problem(() => adMemoryCodec.decode(text({ 'a/c': { ...memory.groups['a/c'], identity: null } })))).toBe('group "a/c": identity is not an object');
		expect(problem(() => adMemoryCodec.decode(text({ 'a/c': { ...memory.groups['a/c'], alert: { ...firing, state: 'x' } } })))).toBe(
			'group "a/c", alert has state "x"',
		);
	});
	it('the old layout: read once, a text that is not JSON passed on as it is (then reported)', () => {
		expect(adMemoryCodec.decode(legacyAdText({ schema: 2, alerts: JSON.stringify(memory) }) as string)).toEqual(memory);
		expect(legacyAdText({ schema: 2, alerts: '{broken' })).toBe('{broken');
		expect(legacyAdText({ schema: 2, alerts: { rule: 'r' } })).toBeUndefined();
		expect(legacyAdText({ schema: 3, alerts: '{}' })).toBeUndefined();
	});
});

describe('the Health Monitor memory', () => {
	const memory = { Payments: { rule: 'r', series: { Payments: firing } } };
	it('round trip, and empty memory', () => {
		expect(healthMemoryCodec.decode(healthMemoryCodec.encode(memory))).toEqual(memory);
		expect(healthMemoryCodec.empty()).toEqual({});
	});
	it('garbage is named with the check and series', () => {
		const text = (checks: unknown) => JSON.stringify({ schema: 2, checks });
		expect(problem(() => healthMemoryCodec.decode(text(null)))).toBe('checks is not an object');
		expect(problem(() => healthMemoryCodec.decode(text({ Payments: null })))).toBe('check "Payments" is not an object');
		expect(problem(() => healthMemoryCodec.decode(text({ Payments: 7 })))).toBe('check "Payments" is not an object');
		expect(problem(() => healthMemoryCodec.decode(text({ Payments: { series: {} } })))).toBe('check "Payments" has no rule');
		expect(problem(() => healthMemoryCodec.decode(text({ Payments: { rule: 'r', series: [] } })))).toBe('check "Payments": series is not an object');
		expect(problem(() => healthMemoryCodec.decode(text({ Payments: { rule: 'r', series: { Payments: { ...firing, severity: 'x' } } } })))).toBe(
			'check "Payments", series "Payments", has severity "x"',
		);
	});
	it('the old layout: each check a text (or already an object); broken texts passed on; other schemas ignored', () => {
		const legacy = legacyHealthText({
			schema: 2,
			checks: { Payments: JSON.stringify(memory.Payments), Shop: { rule: 's', series: {} }, Broken: '{x' },
		}) as string;
		expect(JSON.parse(legacy)).toEqual({ schema: 2, checks: { Payments: memory.Payments, Shop: { rule: 's', series: {} }, Broken: '{x' } });
		expect(legacyHealthText({ schema: 1, checks: {} })).toBeUndefined();
		expect(legacyHealthText({ schema: 2, checks: null })).toBeUndefined();
		expect(legacyHealthText({ schema: 2, checks: 'x' })).toBeUndefined();
	});
});

describe('staticDataStore', () => {
	const noLegacy = { read: () => undefined, clear: () => undefined };
	it('keeps one text per node id under alertMemory, making the map on first save', async () => {
		const staticData: Record<string, unknown> = {};
		const store = staticDataStore(staticData, 'node-1', noLegacy);
		expect((await store.load()).text).toBeUndefined();
		expect(await store.save(await store.load(), 'one')).toBe(true);
		expect(staticData).toEqual({ [STATIC_DATA_KEY]: { 'node-1': 'one' } });
		await staticDataStore(staticData, 'node-2', noLegacy).save({ text: undefined, token: undefined }, 'two');
		expect(staticData[STATIC_DATA_KEY]).toEqual({ 'node-1': 'one', 'node-2': 'two' });
		expect(store.name).toBe("this workflow's static data");
		expect(store.resetHint).toBe('delete this node and add it again');
	});
	it('a non-object under the key is replaced; a saved object (not text) is read as its JSON', async () => {
		const staticData: Record<string, unknown> = { [STATIC_DATA_KEY]: 'garbage' };
		await staticDataStore(staticData, 'n', noLegacy).save({ text: undefined, token: undefined }, 'x');
		expect(staticData[STATIC_DATA_KEY]).toEqual({ n: 'x' });
		const withObject: Record<string, unknown> = { [STATIC_DATA_KEY]: { n: { schema: 2 } } };
		expect((await staticDataStore(withObject, 'n', noLegacy).load()).text).toBe('{"schema":2}');
		expect((await staticDataStore({ [STATIC_DATA_KEY]: null }, 'n', noLegacy).load()).text).toBeUndefined();
	});
	it('the old layout is read until the first save, which drops it; clear removes both', async () => {
		let legacyText: string | undefined = 'old';
		const legacy = { read: () => legacyText, clear: () => void (legacyText = undefined) };
		const staticData: Record<string, unknown> = {};
		const store = staticDataStore(staticData, 'n', legacy);
		expect((await store.load()).text).toBe('old');
		await store.save(await store.load(), 'new');
		expect(legacyText).toBeUndefined();
		expect((await store.load()).text).toBe('new');
		legacyText = 'again';
		store.clear();
		expect(staticData[STATIC_DATA_KEY]).toEqual({});
		expect(legacyText).toBeUndefined();
		staticDataStore({}, 'n', legacy).clear();
	});
});

describe('errors of the store', () => {
	it('carry their names, store and hint', () => {
		const error = new MemoryStoreError('Data Table "x"', 'refused', 'fix it', 403);
		expect([error.name, error.store, error.message, error.hint, error.status]).toEqual(['MemoryStoreError', 'Data Table "x"', 'refused', 'fix it', 403]);
		expect(new MemoryStoreError('s', 'm').hint).toBe('');
		expect(new UnreadableMemoryError('why').name).toBe('UnreadableMemoryError');
	});
});

describe('alertField', () => {
	const step = (notice: AlertRecord['owed'] | 'resolved' | null, record: AlertRecord, cause?: 'gone') => ({
		record,
		previousState: record.state,
		notice,
		...(cause ? { cause } : {}),
	});
	it('firing: its state, notice and since', () => {
		expect(alertField(step('firing', firing), firing, undefined)).toEqual({ state: 'firing', notice: 'firing', since: '2026-12-01T09:00:00.000Z' });
	});
	it('resolved: normal, since when it had been failing, and why it resolved', () => {
		const normal = { ...initialRecord(T + 3_600_000) };
		expect(alertField(step('resolved', normal, 'gone'), normal, firing)).toEqual({
			state: 'normal',
			notice: 'resolved',
			since: '2026-12-01T09:00:00.000Z',
			resolvedBecause: 'gone',
		});
		expect(alertField(step('resolved', normal), normal, undefined)).toEqual({ state: 'normal', notice: 'resolved', since: null });
	});
	it('normal without a notice: no since', () => {
		const normal = initialRecord(T);
		expect(alertField(step(null, normal), normal, undefined)).toEqual({ state: 'normal', notice: null, since: null });
	});
	it('pending: since it started', () => {
		const pending = { ...initialRecord(T), state: 'pending' as const, severity: 'warning' as const, since: T - 60_000 };
		expect(alertField(step(null, pending), pending, undefined)).toEqual({ state: 'pending', notice: null, since: '2026-12-01T08:59:00.000Z' });
	});
});
