import {
	initialRecord,
	observe,
	SEEN_REFRESH_SHARE,
	seenUnjudged,
	worthKeeping,
	type AlertRecord,
	type AlertTiming,
} from '../../nodes/shared/alerting/alertMachine';
import { instanceUrl } from '../../nodes/shared/alertMemory/publicApi';
import { MAX_ATTEMPTS, runWithMemory } from '../../nodes/shared/alertMemory/runWithMemory';
import { STATIC_DATA_KEY, staticDataStore } from '../../nodes/shared/alertMemory/staticDataStore';
import { MemoryStoreError, type LoadedMemory, type MemoryStore } from '../../nodes/shared/alertMemory/store';
import type { HealthMemory } from '../../nodes/shared/health/evaluate';
import { healthMemoryCodec, legacyHealthText } from '../../nodes/shared/health/memoryCodec';
import { adMemoryCodec, legacyAdText } from '../../nodes/shared/metrics/memoryCodec';
import { sameJson } from '../../nodes/shared/values/sameJson';

const T = 1_700_000_000_000;
const MINUTE = 60_000;
const timing = (overrides: Partial<AlertTiming> = {}): AlertTiming => ({
	pendingMs: 0,
	pendingEvaluations: 1,
	renotifyMs: 0,
	minIntervalMs: 0,
	missingMs: 60 * MINUTE,
	noData: false,
	forgetMs: 7 * 24 * 60 * MINUTE,
	...overrides,
});
const firing: AlertRecord = { ...initialRecord(T), state: 'firing', severity: 'critical', notifiedAt: T, value: 20, announced: true };
const memoryWith = (record: AlertRecord): HealthMemory => ({ Payments: { rule: 'r', series: { Payments: record } } });

describe('instanceUrl', () => {
	it('drops trailing slashes and the API path an operator may paste, nothing else', () => {
		expect(instanceUrl(' http://n8n-main:5678/ ')).toBe('http://n8n-main:5678');
		expect(instanceUrl('http://n8n-main:5678/api/v1/')).toBe('http://n8n-main:5678');
		expect(instanceUrl('https://example.com/n8n/api/v1')).toBe('https://example.com/n8n');
		expect(instanceUrl('https://example.com/api/v1x')).toBe('https://example.com/api/v1x');
		expect(instanceUrl('https://example.com/api')).toBe('https://example.com/api');
	});
});

describe('sameJson', () => {
	it('ignores the order of object keys, not values, lengths or types', () => {
		expect(sameJson({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toBe(true);
		expect(sameJson({ a: 1 }, { a: 2 })).toBe(false);
		expect(sameJson({ a: 1 }, { a: 1, b: 1 })).toBe(false);
		expect(sameJson({ a: 1, b: undefined }, { a: 1, c: undefined })).toBe(false);
		expect(sameJson([1, 2], [1, 2, 3])).toBe(false);
		expect(sameJson([1, 2], [2, 1])).toBe(false);
		expect(sameJson([1], { 0: 1 })).toBe(false);
		expect(sameJson(null, {})).toBe(false);
		expect(sameJson('1', 1)).toBe(false);
	});
});

describe('a run that changes nothing leaves the record as saved', () => {
	const refreshAfter = 60 * MINUTE * SEEN_REFRESH_SHARE;

	it('keeps the saved record while its last-seen time is less than a tenth of the missing time old', () => {
		const step = observe(firing, 'critical', 20, T + refreshAfter - 1, timing());
		expect(step.notice).toBeNull();
		expect(step.record).toBe(firing);
		expect(seenUnjudged(firing, T + refreshAfter - 1, timing())).toBe(firing);
	});

	it('refreshes it once that share has passed, or when anything else changed', () => {
		expect(observe(firing, 'critical', 20, T + refreshAfter, timing()).record).toEqual({ ...firing, seenAt: T + refreshAfter });
		expect(seenUnjudged(firing, T + refreshAfter, timing())).toEqual({ ...firing, seenAt: T + refreshAfter });
		expect(observe(firing, 'critical', 21, T + 1, timing()).record).toEqual({ ...firing, seenAt: T + 1, value: 21 });
		// Without a missing time there is nothing to round to: every run is written.
		expect(observe(firing, 'critical', 20, T + 1, timing({ missingMs: 0 })).record).toEqual({ ...firing, seenAt: T + 1 });
		expect(seenUnjudged(undefined, T, timing())).toEqual(initialRecord(T));
	});

	it('never holds back a step with a notice', () => {
		const step = observe(firing, 'critical', 20, T + 1, timing({ renotifyMs: 1 }));
		expect(step.notice).toBe('renotify');
		expect(step.record).toEqual({ ...firing, seenAt: T + 1, notifiedAt: T + 1 });
	});
});

describe('worthKeeping: the memory grows with the alerts, not with the series watched', () => {
	const normal = initialRecord(T);

	it('keeps every alert in progress', () => {
		for (const state of ['pending', 'firing', 'nodata'] as const) expect(worthKeeping({ ...normal, state }, T, timing())).toBe(true);
	});

	it('keeps a healthy series only where its memory still matters', () => {
		expect(worthKeeping(normal, T, timing())).toBe(false);
		expect(worthKeeping(normal, T, timing({ noData: true }))).toBe(true);
		expect(worthKeeping(normal, T, timing(), true)).toBe(true);
		const resolved = { ...normal, notifiedAt: T };
		expect(worthKeeping(resolved, T + MINUTE - 1, timing({ minIntervalMs: MINUTE }))).toBe(true);
		expect(worthKeeping(resolved, T + MINUTE, timing({ minIntervalMs: MINUTE }))).toBe(false);
		expect(worthKeeping(resolved, T + 1, timing())).toBe(false);
		expect(worthKeeping(normal, T, timing({ minIntervalMs: MINUTE }))).toBe(false);
	});
});

describe('This Workflow store (static data)', () => {
	const noLegacy = { read: () => undefined, clear: () => {} };

	it("keeps each node's text under its id, so a rename keeps the memory", async () => {
		const staticData: Record<string, unknown> = {};
		const store = staticDataStore(staticData, 'node-id-1', noLegacy);
		expect(await store.load()).toEqual({ text: undefined, token: undefined });
		expect(await store.save(await store.load(), 'saved text')).toBe(true);
		expect(staticData).toEqual({ [STATIC_DATA_KEY]: { 'node-id-1': 'saved text' } });
		expect((await staticDataStore(staticData, 'node-id-1', noLegacy).load()).text).toBe('saved text');
		expect((await staticDataStore(staticData, 'node-id-2', noLegacy).load()).text).toBeUndefined();
	});

	it('reads the layout of earlier versions once, and drops it when it saves', async () => {
		const nodeStaticData: Record<string, unknown> = { schema: 2, checks: { Payments: JSON.stringify({ rule: 'r', series: { Payments: firing } }) } };
		const legacy = { read: () => legacyHealthText(nodeStaticData), clear: () => delete nodeStaticData.checks };
		const staticData: Record<string, unknown> = {};
		const run = () => runWithMemory(staticDataStore(staticData, 'id', legacy), healthMemoryCodec, (memory) => ({ memory }));
		const first = await run();
		// The firing alert of the earlier layout is what the node judges from.
		expect(first.memory).toEqual(memoryWith(firing));
		// Nothing changed, so nothing was written, and the old layout is still the memory.
		expect(staticData).toEqual({});
		const changed = await runWithMemory(staticDataStore(staticData, 'id', legacy), healthMemoryCodec, (memory) => ({
			memory: { ...memory, Other: { rule: 'r', series: {} } },
		}));
		expect(Object.keys(changed.memory)).toEqual(['Payments', 'Other']);
		expect(nodeStaticData).toEqual({ schema: 2 });
		expect(healthMemoryCodec.decode((staticData[STATIC_DATA_KEY] as Record<string, string>).id)).toEqual(changed.memory);
	});
});

/** A store many executions share, in this process: compare-and-swap on a version, as the Data Table store does. */
function sharedStore(beforeSave: (store: { text: string | undefined; version: number }) => void = () => {}) {
	const state = { text: undefined as string | undefined, version: 0, saves: 0, loads: 0 };
	const store: MemoryStore = {
		name: 'a shared test store',
		resetHint: 'clear it',
		async load(): Promise<LoadedMemory> {
			state.loads += 1;
			return { text: state.text, token: state.version };
		},
		async save(loaded, text) {
			beforeSave(state);
			if (loaded.token !== state.version) return false;
			state.saves += 1;
			state.version += 1;
			state.text = text;
			return true;
		},
	};
	return { store, state };
}

describe('runWithMemory', () => {
	const add = (name: string) => (memory: HealthMemory) => ({ memory: { ...memory, [name]: { rule: 'r', series: {} } } });

	it('saves what changed, and writes nothing when a run changes nothing', async () => {
		const { store, state } = sharedStore();
		await runWithMemory(store, healthMemoryCodec, add('A'));
		expect(state.saves).toBe(1);
		await runWithMemory(store, healthMemoryCodec, add('A'));
		expect(state.saves).toBe(1);
		await runWithMemory(store, healthMemoryCodec, add('B'));
		expect(state.saves).toBe(2);
		expect(Object.keys(healthMemoryCodec.decode(state.text as string))).toEqual(['A', 'B']);
	});

	it('writes nothing for a node with nothing to remember yet, and something once it has', async () => {
		const { store, state } = sharedStore();
		await runWithMemory(store, adMemoryCodec, (memory) => ({ memory }));
		expect([state.saves, state.text]).toEqual([0, undefined]);
		await runWithMemory(store, adMemoryCodec, (memory) => ({ memory: { ...memory, rule: 'x' } }));
		expect(state.saves).toBe(1);
	});

	it('when another execution saved first, judges again on its memory and keeps only the second judgement', async () => {
		let raced = false;
		const { store, state } = sharedStore((shared) => {
			if (raced) return;
			raced = true;
			// Another execution saves between this one's load and save.
			shared.text = healthMemoryCodec.encode({ Other: { rule: 'r', series: {} } });
			shared.version += 1;
		});
		const seen: string[][] = [];
		const result = await runWithMemory(store, healthMemoryCodec, (memory) => {
			seen.push(Object.keys(memory));
			return add('Mine')(memory);
		});
		expect(seen).toEqual([[], ['Other']]);
		expect(Object.keys(result.memory)).toEqual(['Other', 'Mine']);
		expect(Object.keys(healthMemoryCodec.decode(state.text as string))).toEqual(['Other', 'Mine']);
	});

	it(`gives up, saying so, after losing ${MAX_ATTEMPTS} times in a row, and pauses between attempts`, async () => {
		const { store } = sharedStore((shared) => {
			shared.version += 1;
		});
		const pauses: number[] = [];
		let evaluations = 0;
		const failure = await runWithMemory(
			store,
			healthMemoryCodec,
			(memory) => {
				evaluations += 1;
				return add('A')(memory);
			},
			async (ms) => {
				pauses.push(ms);
			},
		).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(MemoryStoreError);
		expect((failure as MemoryStoreError).message).toBe(
			`Other executions of this node saved their alert memory first ${MAX_ATTEMPTS} times in a row, so this run sent nothing.`,
		);
		expect(evaluations).toBe(MAX_ATTEMPTS);
		expect(pauses).toHaveLength(MAX_ATTEMPTS - 1);
	});

	it('reports memory it cannot read, naming the store and how to start afresh, and writes nothing', async () => {
		const { store, state } = sharedStore();
		state.text = '{"schema":2,"checks":{"Payments":{"rule":"r","series":{"Payments":{"state":"firing"}}}}}';
		const failure = (await runWithMemory(store, healthMemoryCodec, add('A')).catch((error: unknown) => error)) as MemoryStoreError;
		expect(failure).toBeInstanceOf(MemoryStoreError);
		expect(failure.store).toBe('a shared test store');
		expect(failure.message).toBe('The saved alert memory cannot be read: check "Payments", series "Payments", has severity undefined.');
		expect(failure.hint).toBe(
			'It was changed outside this node. Restore it, or clear it to start afresh (every alert that is still failing is then announced again).',
		);
		expect(state.saves).toBe(0);
	});
});

describe('memory codecs', () => {
	const decodeError = (decode: () => unknown) => {
		try {
			decode();
		} catch (error) {
			return (error as Error).message;
		}
		return 'no error';
	};

	it('read back what they write', () => {
		const health = memoryWith(firing);
		expect(healthMemoryCodec.decode(healthMemoryCodec.encode(health))).toEqual(health);
		const ads = {
			rule: 'r',
			groups: { Brand: { alert: firing, identity: { campaign: 'Brand' }, labels: { campaign: 'Brand', account: '', currency: 'USD' } } },
		};
		expect(adMemoryCodec.decode(adMemoryCodec.encode(ads))).toEqual(ads);
	});

	it('say where the saved text is wrong', () => {
		const health = (series: unknown) => JSON.stringify({ schema: 2, checks: { Payments: { rule: 'r', series: { Payments: series } } } });
		expect(decodeError(() => healthMemoryCodec.decode('{'))).toBe('it is not JSON (it starts "{")');
		expect(decodeError(() => healthMemoryCodec.decode('[]'))).toBe('it is not a JSON object');
		expect(decodeError(() => healthMemoryCodec.decode('{"schema":1,"checks":{}}'))).toBe('it is of schema 1, and this node reads schema 2');
		expect(decodeError(() => healthMemoryCodec.decode('{"schema":2}'))).toBe('checks is not an object');
		expect(decodeError(() => healthMemoryCodec.decode('{"schema":2,"checks":{"Payments":{"series":{}}}}'))).toBe('check "Payments" has no rule');
		expect(decodeError(() => healthMemoryCodec.decode(health({ ...firing, state: 'burning' })))).toBe(
			'check "Payments", series "Payments", has state "burning"',
		);
		expect(decodeError(() => healthMemoryCodec.decode(health({ ...firing, severity: 'high' })))).toBe(
			'check "Payments", series "Payments", has severity "high"',
		);
		expect(decodeError(() => healthMemoryCodec.decode(health({ ...firing, since: '2026-12-01' })))).toBe(
			'check "Payments", series "Payments", has since "2026-12-01"',
		);
		expect(decodeError(() => healthMemoryCodec.decode(health({ ...firing, value: 'high' })))).toBe('check "Payments", series "Payments", has value "high"');
		expect(decodeError(() => healthMemoryCodec.decode(health({ ...firing, owed: 'maybe' })))).toBe('check "Payments", series "Payments", has owed "maybe"');
		expect(decodeError(() => healthMemoryCodec.decode(health({ ...firing, announced: 1 })))).toBe('check "Payments", series "Payments", has announced 1');
		expect(decodeError(() => healthMemoryCodec.decode(health(null)))).toBe('check "Payments", series "Payments", is not an alert record');
		expect(decodeError(() => healthMemoryCodec.decode(health({ ...firing, value: null, owed: 'renotify' })))).toBe('no error');
		expect(
			decodeError(() =>
				adMemoryCodec.decode(
					'{"schema":2,"rule":"r","groups":{"Brand":{"alert":{},"identity":{},"labels":{"campaign":"Brand","account":"","currency":"USD"}}}}',
				),
			),
		).toBe('group "Brand", alert has state undefined');
		expect(decodeError(() => adMemoryCodec.decode('{"schema":2,"rule":"r","groups":{"Brand":{"labels":{"campaign":"Brand","account":""}}}}'))).toBe(
			'group "Brand" has labels.currency undefined',
		);
		expect(decodeError(() => adMemoryCodec.decode('{"schema":2,"groups":{}}'))).toBe('it has no rule');
	});

	it('carry over the static-data layout of earlier versions', () => {
		const ads = {
			rule: 'r',
			groups: { Brand: { alert: firing, identity: { campaign: 'Brand' }, labels: { campaign: 'Brand', account: '', currency: 'USD' } } },
		};
		expect(adMemoryCodec.decode(legacyAdText({ schema: 2, alerts: JSON.stringify(ads) }) as string)).toEqual(ads);
		expect(legacyAdText({ schema: 1, alerts: JSON.stringify(ads) })).toBeUndefined();
		expect(legacyAdText({})).toBeUndefined();
		expect(
			healthMemoryCodec.decode(legacyHealthText({ schema: 2, checks: { Payments: JSON.stringify({ rule: 'r', series: { Payments: firing } }) } }) as string),
		).toEqual(memoryWith(firing));
		expect(legacyHealthText({ schema: 2 })).toBeUndefined();
		expect(legacyHealthText({ checks: {} })).toBeUndefined();
	});
});
