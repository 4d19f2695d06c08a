/**
 * What is compiled once and kept across executions: the bounded cache (values/boundedCache.ts), and
 * the classifier that serves every moment up to its next batch run (latency/classifier.ts
 * compileClassifier), rebuilt at that run and for any earlier moment.
 */
import { compileClassifier, type ClassifierSettings, type PerItemValues } from '../../nodes/shared/latency/classifier';
import { compileSchedule } from '../../nodes/shared/schedule/batchSchedule';
import { BoundedCache } from '../../nodes/shared/values/boundedCache';
import { compiledPerParameters, expressionPaths, parameterCache } from '../../nodes/shared/values/compiledPerParameters';

describe('BoundedCache', () => {
	it('keeps exactly `limit` entries and forgets the least recently used one beyond', () => {
		const cache = new BoundedCache<number>(3);
		cache.set('a', 1);
		cache.set('b', 2);
		cache.set('c', 3);
		expect(cache.size).toBe(3);
		expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, 2, 3]);
		cache.set('d', 4);
		expect(cache.size).toBe(3);
		expect(cache.get('a')).toBeUndefined();
		expect([cache.get('b'), cache.get('c'), cache.get('d')]).toEqual([2, 3, 4]);
	});

	it('a read makes an entry the most recently used', () => {
		const cache = new BoundedCache<string>(2);
		cache.set('old', 'x');
		cache.set('new', 'y');
		expect(cache.get('old')).toBe('x');
		cache.set('newest', 'z');
		expect(cache.get('new')).toBeUndefined();
		expect(cache.get('old')).toBe('x');
	});

	it('setting a key again replaces its value and counts once', () => {
		const cache = new BoundedCache<number>(2);
		cache.set('a', 1);
		cache.set('b', 2);
		cache.set('a', 10);
		expect(cache.size).toBe(2);
		cache.set('c', 3);
		expect(cache.get('b')).toBeUndefined();
		expect(cache.get('a')).toBe(10);
	});

	it('a miss is undefined and changes nothing', () => {
		const cache = new BoundedCache<number>(1);
		cache.set('a', 1);
		expect(cache.get('b')).toBeUndefined();
		expect(cache.size).toBe(1);
		expect(cache.get('a')).toBe(1);
	});

	it.each([0, -1, 1.5, Number.NaN])('refuses a limit of %p', (limit) => {
		expect(() => new BoundedCache(limit)).toThrow(`A cache holds at least one entry, not ${limit}`);
	});

	it('a limit of 1 holds the last entry', () => {
		const cache = new BoundedCache<number>(1);
		cache.set('a', 1);
		cache.set('b', 2);
		expect([cache.get('a'), cache.get('b'), cache.size]).toEqual([undefined, 2, 1]);
	});
});

describe('compileClassifier: one build per batch window', () => {
	const schedule = compileSchedule({ kind: 'daily', time: '06:00' }, 'UTC');
	const at = (iso: string) => Date.parse(iso);
	const none: PerItemValues = { ruleValue: () => undefined, ruleExpression: () => undefined, costExpression: () => undefined, numberSetting: () => undefined };
	const rules: ClassifierSettings = {
		mode: 'rules',
		rules: [],
		presets: ['reporting'],
		eventTypeField: 'eventType',
		noMatchRoute: 'batch',
		caseSensitive: false,
	};
	const nextRunOf = (classifierAt: ReturnType<typeof compileClassifier>, iso: string) =>
		classifierAt(at(iso))({ eventType: 'weekly_report' }, none).nextBatchRun;

	it('serves every moment from its build up to just before the next run with the same classifier', () => {
		const classifierAt = compileClassifier(rules, schedule);
		const first = classifierAt(at('2026-11-27T10:00:00Z'));
		expect(classifierAt(at('2026-11-27T10:00:00Z'))).toBe(first);
		expect(classifierAt(at('2026-11-28T05:59:59.999Z'))).toBe(first);
		expect(first({ eventType: 'weekly_report' }, none).nextBatchRun).toBe('2026-11-28T06:00:00Z');
	});

	it('builds anew at the next run itself, which is then the following day', () => {
		const classifierAt = compileClassifier(rules, schedule);
		const first = classifierAt(at('2026-11-27T10:00:00Z'));
		const atRun = classifierAt(at('2026-11-28T06:00:00Z'));
		expect(atRun).not.toBe(first);
		expect(atRun({ eventType: 'weekly_report' }, none).nextBatchRun).toBe('2026-11-29T06:00:00Z');
	});

	it('builds anew for a moment before its build (a clock set back), with that moment`s next run', () => {
		const classifierAt = compileClassifier(rules, schedule);
		const first = classifierAt(at('2026-11-27T10:00:00Z'));
		const earlier = classifierAt(at('2026-11-27T09:59:59.999Z'));
		expect(earlier).not.toBe(first);
		expect(nextRunOf(classifierAt, '2026-11-26T07:00:00Z')).toBe('2026-11-27T06:00:00Z');
	});

	it('the deadline mode compares with the moment of each execution, not of the build', () => {
		const classifierAt = compileClassifier({ mode: 'deadline', deadlineField: 'dueAt', marginMinutes: 0 }, schedule);
		const item = { dueAt: '2026-11-27T12:00:00Z' };
		expect(classifierAt(at('2026-11-27T10:00:00Z'))(item, none)).toMatchObject({
			route: 'realTime',
			reason: expect.stringContaining('before the next batch run'),
		});
		expect(classifierAt(at('2026-11-27T12:00:00Z'))(item, none)).toMatchObject({
			route: 'realTime',
			reason: 'Due 2026-11-27T12:00:00Z, which has already passed.',
		});
		expect(classifierAt(at('2026-11-27T11:59:59.999Z'))(item, none).reason).not.toContain('already passed');
	});
});

describe('compiledPerParameters: kept per parameter set, node version and workflow timezone', () => {
	const context = (parameters: object, typeVersion = 1, timezone = 'UTC') => [{ parameters: parameters as never, typeVersion }, timezone] as const;
	const counting = () => {
		let calls = 0;
		return { compile: () => ++calls, calls: () => calls };
	};
	const readLater = (path: string) => path === 'rules.rule[0].value';

	it('compiles once for the same parameters, again for any change of parameters, version or timezone', () => {
		const cache = parameterCache<number>(readLater);
		const { compile, calls } = counting();
		expect(compiledPerParameters(cache, ...context({ a: 1 }), compile)).toBe(1);
		expect(compiledPerParameters(cache, ...context({ a: 1 }), compile)).toBe(1);
		expect(calls()).toBe(1);
		expect(compiledPerParameters(cache, ...context({ a: 2 }), compile)).toBe(2);
		expect(compiledPerParameters(cache, ...context({ a: 1 }, 2), compile)).toBe(3);
		expect(compiledPerParameters(cache, ...context({ a: 1 }, 1, 'Europe/Berlin'), compile)).toBe(4);
		expect(compiledPerParameters(cache, ...context({ a: 1 }), compile)).toBe(1);
		expect(calls()).toBe(4);
	});

	it('compiles every time when an expression is resolved by the compile, and keeps one read later', () => {
		const cache = parameterCache<number>(readLater);
		const resolved = counting();
		const withZone = context({ timezone: '={{ $json.zone }}' });
		compiledPerParameters(cache, ...withZone, resolved.compile);
		compiledPerParameters(cache, ...withZone, resolved.compile);
		expect(resolved.calls()).toBe(2);
		const later = counting();
		const withRuleValue = context({ rules: { rule: [{ value: '={{ $json.limit }}' }] } });
		compiledPerParameters(cache, ...withRuleValue, later.compile);
		compiledPerParameters(cache, ...withRuleValue, later.compile);
		expect(later.calls()).toBe(1);
	});

	it('keeps nothing when the compile fails', () => {
		const cache = parameterCache<number>(readLater);
		let fail = true;
		const compile = () => {
			if (fail) throw new Error('bad setting');
			return 7;
		};
		expect(() => compiledPerParameters(cache, ...context({ a: 1 }), compile)).toThrow('bad setting');
		fail = false;
		expect(compiledPerParameters(cache, ...context({ a: 1 }), compile)).toBe(7);
	});

	it('finds every expression with its path, in objects, lists and nested lists', () => {
		expect(
			expressionPaths({
				mode: 'rules',
				timezone: '={{ $json.zone }}',
				rules: { rule: [{ value: 'plain' }, { value: '=x', list: ['a', '=b'] }] },
				number: 3,
				empty: null,
			}),
		).toEqual(['timezone', 'rules.rule[1].value', 'rules.rule[1].list[1]']);
		expect(expressionPaths({ text: 'a=b', none: '' })).toEqual([]);
	});
});
