import {
	absent,
	firingSeverity,
	initialRecord,
	observe,
	retire,
	type AlertRecord,
	type AlertTiming,
	type Severity,
} from '../../nodes/shared/alerting/alertMachine';
import { heldSeverity, recoveryLine } from '../../nodes/shared/alerting/hysteresis';
import { markedIfTest } from '../../nodes/shared/alerting/testRun';
import { severityOf, thresholdFor, type Thresholds } from '../../nodes/shared/health/thresholds';
import { holdVerdict, type Verdict } from '../../nodes/shared/metrics/judge';

// Clocks far from 0, so that `now - since` and `now + since` cannot be confused.
const T = 1_700_000_000_000;
const MINUTE = 60_000;
const at = (minutes: number) => T + minutes * MINUTE;
const timing = (overrides: Partial<AlertTiming> = {}): AlertTiming => ({
	pendingMs: 0,
	pendingEvaluations: 1,
	renotifyMs: 0,
	minIntervalMs: 0,
	missingMs: 30 * MINUTE,
	noData: false,
	forgetMs: 24 * 60 * MINUTE,
	...overrides,
});

/** Feeds severities at the given minutes; returns each step's notice and the last record. */
function run(steps: Array<[number, Severity]>, settings: AlertTiming, start?: AlertRecord) {
	let record = start;
	const notices = steps.map(([minute, severity]) => {
		const step = observe(record, severity, 1, at(minute), settings);
		record = step.record;
		return step.notice;
	});
	return { notices, record: record as AlertRecord };
}

const firing = (severity: Severity, overrides: Partial<AlertRecord> = {}): AlertRecord => ({
	...initialRecord(at(0)),
	state: 'firing',
	severity,
	since: at(0),
	count: 1,
	notifiedAt: at(0),
	announced: true,
	...overrides,
});

describe('pending (Prometheus for)', () => {
	it('needs the run count: fires at exactly the n-th bad run', () => {
		expect(
			run(
				[
					[0, 'warning'],
					[1, 'warning'],
					[2, 'warning'],
				],
				timing({ pendingEvaluations: 3 }),
			).notices,
		).toEqual([null, null, 'firing']);
	});

	it('needs the duration: fires at exactly pendingMs, not a millisecond before', () => {
		const settings = timing({ pendingMs: 10 * MINUTE });
		const first = observe(undefined, 'warning', 1, T, settings);
		expect(observe(first.record, 'warning', 1, T + 10 * MINUTE - 1, settings).notice).toBeNull();
		const fired = observe(first.record, 'warning', 1, T + 10 * MINUTE, settings);
		expect([fired.notice, fired.record?.since, fired.record?.state]).toEqual(['firing', T + 10 * MINUTE, 'firing']);
	});

	it('needs both the runs and the duration', () => {
		const settings = timing({ pendingMs: 10 * MINUTE, pendingEvaluations: 3 });
		expect(
			run(
				[
					[0, 'warning'],
					[20, 'warning'],
					[21, 'warning'],
				],
				settings,
			).notices,
		).toEqual([null, null, 'firing']);
		expect(
			run(
				[
					[0, 'warning'],
					[1, 'warning'],
					[2, 'warning'],
					[10, 'warning'],
				],
				settings,
			).notices,
		).toEqual([null, null, null, 'firing']);
	});

	it('starts over when the value is back to ok, and fires at the level that holds then', () => {
		const settings = timing({ pendingEvaluations: 3 });
		expect(
			run(
				[
					[0, 'warning'],
					[1, 'ok'],
					[2, 'warning'],
					[3, 'warning'],
				],
				settings,
			).notices,
		).toEqual([null, null, null, null]);
		const climbed = run(
			[
				[0, 'critical'],
				[1, 'warning'],
				[2, 'warning'],
			],
			settings,
		);
		expect([climbed.notices[2], climbed.record.severity]).toEqual(['firing', 'warning']);
	});

	it('starts over after a gap of the missing time, not one millisecond sooner', () => {
		const settings = timing({ pendingEvaluations: 2, missingMs: 30 * MINUTE });
		const first = observe(undefined, 'warning', 1, T, settings).record;
		expect(observe(first, 'warning', 1, T + 30 * MINUTE, settings).notice).toBeNull();
		expect(observe(first, 'warning', 1, T + 30 * MINUTE - 1, settings).notice).toBe('firing');
	});

	it('is dropped when the series is absent, silently', () => {
		const pending = observe(undefined, 'warning', 1, T, timing({ pendingEvaluations: 2 })).record as AlertRecord;
		const step = absent(pending, at(1), timing());
		expect([step.notice, step.record?.state, step.record?.count]).toEqual([null, 'normal', 0]);
	});
});

describe('firing', () => {
	it('stays quiet at the same severity, reminds exactly at the interval and never with 0', () => {
		const settings = timing({ renotifyMs: 60 * MINUTE });
		expect(observe(firing('warning'), 'warning', 1, at(60) - 1, settings).notice).toBeNull();
		const reminded = observe(firing('warning'), 'warning', 1, at(60), settings);
		expect([reminded.notice, reminded.record?.notifiedAt]).toEqual(['renotify', at(60)]);
		expect(observe(firing('warning'), 'warning', 1, at(100_000), timing()).notice).toBeNull();
	});

	it('escalates only after the pending period at the worse level; a dip resets it', () => {
		const settings = timing({ pendingEvaluations: 2 });
		const raised = observe(firing('warning'), 'critical', 1, at(1), settings);
		expect([raised.notice, raised.record?.severity, raised.record?.raise, raised.record?.raiseSince]).toEqual([null, 'warning', 1, at(1)]);
		const escalated = observe(raised.record, 'critical', 1, at(2), settings);
		expect([escalated.notice, escalated.record?.severity, escalated.record?.raise]).toEqual(['escalated', 'critical', 0]);
		const dipped = observe(raised.record, 'warning', 1, at(2), settings);
		expect(observe(dipped.record, 'critical', 1, at(3), settings).notice).toBeNull();
		const byTime = timing({ pendingMs: 5 * MINUTE });
		const started = observe(firing('warning'), 'critical', 1, at(10), byTime);
		expect(observe(started.record, 'critical', 1, at(15) - 1, byTime).notice).toBeNull();
		expect(observe(started.record, 'critical', 1, at(15), byTime).notice).toBe('escalated');
	});

	it('de-escalates with a notice of its own, and resolves with cause "recovered"', () => {
		expect(observe(firing('critical'), 'warning', 1, at(1), timing())).toMatchObject({
			notice: 'deescalated',
			record: { severity: 'warning', state: 'firing' },
		});
		expect(observe(firing('critical'), 'ok', 1, at(1), timing())).toMatchObject({
			notice: 'resolved',
			cause: 'recovered',
			record: { state: 'normal', severity: 'ok', since: at(1) },
		});
	});

	it('never changes the record it was given', () => {
		const record = Object.freeze(firing('warning'));
		expect(() => observe(record, 'critical', 1, at(1), timing())).not.toThrow();
		expect(() => absent(record, at(100), timing())).not.toThrow();
		expect(record).toEqual(firing('warning'));
	});
});

describe('series that stop reporting', () => {
	it('a firing series stays firing, with no reminders, until the missing time, then resolves as gone', () => {
		const settings = timing({ renotifyMs: MINUTE, missingMs: 30 * MINUTE });
		const alert = firing('warning', { seenAt: at(0) });
		expect(absent(alert, at(30) - 1, settings)).toMatchObject({ notice: null, record: { state: 'firing' } });
		expect(absent(alert, at(30), settings)).toMatchObject({ notice: 'resolved', cause: 'gone', record: { state: 'normal' } });
	});

	it('with No Data on: a firing or a healthy series goes to No Data, reminds, and resolves when forgotten', () => {
		const settings = timing({ noData: true, renotifyMs: 60 * MINUTE, forgetMs: 24 * 60 * MINUTE });
		const nodata = absent(firing('warning'), at(30), settings);
		expect(nodata).toMatchObject({ notice: 'nodata', record: { state: 'nodata', severity: 'critical', since: at(30) } });
		const healthy = absent(initialRecord(at(0)), at(30), settings);
		expect(healthy.notice).toBe('nodata');
		expect(absent(initialRecord(at(0)), at(30) - 1, settings).notice).toBeNull();
		const silent = nodata.record as AlertRecord;
		expect(absent(silent, at(90) - 1, settings).notice).toBeNull();
		expect(absent(silent, at(90), settings).notice).toBe('renotify');
		expect(absent(silent, at(24 * 60), settings)).toMatchObject({ notice: 'renotify' });
		expect(absent(silent, at(24 * 60) + 1, settings)).toEqual({ record: undefined, previousState: 'nodata', notice: 'resolved', cause: 'forgotten' });
	});

	it('No Data ends when the data is back: bad goes on as firing, good resolves', () => {
		const silent = { ...firing('critical'), state: 'nodata' as const };
		expect(observe(silent, 'warning', 5, at(40), timing())).toMatchObject({ notice: 'firing', record: { state: 'firing', severity: 'warning' } });
		expect(observe(silent, 'ok', 5, at(40), timing())).toMatchObject({ notice: 'resolved', cause: 'recovered' });
	});

	it('a healthy series is forgotten only after the forget time', () => {
		const settings = timing({ forgetMs: 60 * MINUTE });
		expect(absent(initialRecord(at(0)), at(60), settings).record).toBeDefined();
		expect(absent(initialRecord(at(0)), at(60) + 1, settings).record).toBeUndefined();
	});

	it('a removed check resolves announced alerts once, and nothing else', () => {
		expect(retire(firing('warning'), at(1))).toEqual({ record: undefined, previousState: 'firing', notice: 'resolved', cause: 'removed' });
		expect(retire({ ...firing('warning'), state: 'nodata' }, at(1)).notice).toBe('resolved');
		expect(retire(initialRecord(at(0)), at(1)).notice).toBeNull();
		expect(retire({ ...initialRecord(at(0)), state: 'pending', severity: 'warning' }, at(1)).notice).toBeNull();
	});
});

describe('minimum interval between notices', () => {
	const settings = timing({ minIntervalMs: 30 * MINUTE });

	it('holds a re-fire inside the interval and sends it at the first run after it', () => {
		const resolved = observe(firing('warning'), 'ok', 1, at(5), settings);
		expect(resolved.notice).toBe('resolved');
		const held = observe(resolved.record, 'warning', 1, at(10), settings);
		expect([held.notice, held.record?.owed, held.record?.notifiedAt]).toEqual([null, 'firing', at(0)]);
		expect(observe(held.record, 'warning', 1, at(30) - 1, settings).notice).toBeNull();
		const sent = observe(held.record, 'warning', 1, at(30), settings);
		expect([sent.notice, sent.record?.owed, sent.record?.notifiedAt]).toEqual(['firing', null, at(30)]);
	});

	it('never holds a resolve, and a firing never sent resolves silently', () => {
		expect(observe(firing('warning'), 'ok', 1, at(1), settings).notice).toBe('resolved');
		const owed = firing('warning', { owed: 'firing', announced: false });
		expect(observe(owed, 'ok', 1, at(2), settings)).toMatchObject({ notice: null, record: { state: 'normal', owed: null } });
		expect(absent(owed, at(40), settings).notice).toBeNull();
	});

	it('holds an escalation but drops a reminder that falls inside it', () => {
		const escalation = observe(firing('warning'), 'critical', 1, at(1), settings);
		expect([escalation.notice, escalation.record?.owed]).toEqual([null, 'escalated']);
		expect(observe(escalation.record, 'critical', 1, at(30), settings).notice).toBe('escalated');
		const reminder = observe(firing('warning'), 'warning', 1, at(10), { ...settings, renotifyMs: 5 * MINUTE });
		expect([reminder.notice, reminder.record?.owed]).toEqual([null, null]);
	});
});

describe('firingSeverity', () => {
	it('is the level of a firing alert, ok for anything else', () => {
		expect(firingSeverity(firing('critical'))).toBe('critical');
		expect(firingSeverity({ ...firing('critical'), state: 'pending' })).toBe('ok');
		expect(firingSeverity({ ...firing('critical'), state: 'nodata' })).toBe('ok');
		expect(firingSeverity(undefined)).toBe('ok');
	});
});

describe('hysteresis', () => {
	it('puts the recovery line the margin towards healthy, for negative lines too', () => {
		expect(recoveryLine(100, 'above', 0.1)).toBe(90);
		expect(recoveryLine(100, 'below', 0.1)).toBeCloseTo(110);
		expect(recoveryLine(-20, 'above', 0.5)).toBe(-30);
		expect(recoveryLine(-20, 'below', 0.5)).toBe(-10);
		expect(recoveryLine(7, 'above', 0)).toBe(7);
	});

	it('takes worse at once and better only past the line', () => {
		const none = () => false;
		const all = () => true;
		expect(heldSeverity('critical', 'warning', none)).toBe('critical');
		expect(heldSeverity('warning', 'warning', none)).toBe('warning');
		expect(heldSeverity('ok', 'critical', none)).toBe('critical');
		expect(heldSeverity('warning', 'critical', none)).toBe('critical');
		expect(heldSeverity('ok', 'critical', (level) => level === 'critical')).toBe('warning');
		expect(heldSeverity('warning', 'critical', (level) => level === 'critical')).toBe('warning');
		expect(heldSeverity('ok', 'critical', all)).toBe('ok');
		expect(heldSeverity('ok', 'warning', none)).toBe('warning');
		expect(heldSeverity('ok', 'warning', all)).toBe('ok');
		expect(heldSeverity('ok', 'ok', none)).toBe('ok');
	});
});

describe('markedIfTest', () => {
	it('marks a manual run in a field and in the message, and leaves real runs alone', () => {
		const json = { message: 'WARNING Brand', severity: 'warning' };
		expect(markedIfTest(json, true)).toEqual({ message: '[TEST] WARNING Brand', severity: 'warning', test: true });
		expect(markedIfTest(json, false)).toBe(json);
		expect(markedIfTest({ severity: 'ok' }, true)).toEqual({ severity: 'ok', test: true, message: undefined });
	});
});

describe('records, step by step', () => {
	it('starts normal, seen now, never notified', () => {
		expect(initialRecord(T)).toEqual({
			state: 'normal',
			severity: 'ok',
			since: T,
			count: 0,
			raise: 0,
			raiseSince: 0,
			notifiedAt: 0,
			seenAt: T,
			value: null,
			owed: null,
			announced: false,
		});
	});

	it('fires at the first bad value when nothing is pending, and says it was normal', () => {
		expect(observe(undefined, 'warning', 7, T, timing())).toEqual({
			record: {
				state: 'firing',
				severity: 'warning',
				since: T,
				count: 1,
				raise: 0,
				raiseSince: 0,
				notifiedAt: T,
				seenAt: T,
				value: 7,
				owed: null,
				announced: true,
			},
			previousState: 'normal',
			notice: 'firing',
		});
	});

	it('pending counts runs from the first bad one and takes the level of the latest', () => {
		const settings = timing({ pendingEvaluations: 3 });
		const first = observe(undefined, 'critical', 9, T, settings);
		expect(first).toEqual({
			record: {
				state: 'pending',
				severity: 'critical',
				since: T,
				count: 1,
				raise: 0,
				raiseSince: 0,
				notifiedAt: 0,
				seenAt: T,
				value: 9,
				owed: null,
				announced: false,
			},
			previousState: 'normal',
			notice: null,
		});
		const second = observe(first.record, 'warning', 8, at(1), settings);
		expect(second.record).toMatchObject({ state: 'pending', severity: 'warning', since: T, count: 2, seenAt: at(1), value: 8 });
		expect(second.previousState).toBe('pending');
	});

	it('a value back to ok while pending starts the count over at 1 from the next bad value', () => {
		const settings = timing({ pendingEvaluations: 3 });
		const pending = run(
			[
				[0, 'warning'],
				[1, 'warning'],
			],
			settings,
		).record;
		const ok = observe(pending, 'ok', 2, at(2), settings);
		expect(ok).toEqual({
			record: { ...pending, state: 'normal', severity: 'ok', since: at(2), count: 0, seenAt: at(2), value: 2 },
			previousState: 'pending',
			notice: null,
		});
		const again = observe(ok.record, 'warning', 3, at(3), settings);
		expect(again.record).toMatchObject({ state: 'pending', since: at(3), count: 1 });
	});

	it('ok on a normal series keeps the time it has been normal since', () => {
		expect(observe(initialRecord(at(0)), 'ok', 4, at(5), timing())).toEqual({
			record: { ...initialRecord(at(0)), seenAt: at(5), value: 4 },
			previousState: 'normal',
			notice: null,
		});
	});

	it('absent while pending: normal since now, and the next bad value counts 1 again', () => {
		const settings = timing({ pendingEvaluations: 2 });
		const pending = observe(undefined, 'critical', 1, T, settings).record as AlertRecord;
		const dropped = absent(pending, at(1), settings);
		expect(dropped).toEqual({ record: { ...pending, state: 'normal', severity: 'ok', since: at(1), count: 0 }, previousState: 'pending', notice: null });
		const again = observe(dropped.record, 'critical', 1, at(2), settings);
		expect([again.notice, again.record?.state, again.record?.count, again.record?.since]).toEqual([null, 'pending', 1, at(2)]);
	});

	it('with no missing time, a pending condition goes on across any gap', () => {
		const settings = timing({ pendingEvaluations: 2, missingMs: 0 });
		const first = observe(undefined, 'warning', 1, T, settings).record;
		expect(observe(first, 'warning', 1, at(10 * 24 * 60), settings).notice).toBe('firing');
	});

	it('the gap is measured from the last value, not from the start of pending', () => {
		const settings = timing({ pendingEvaluations: 3, missingMs: 30 * MINUTE });
		const seen = run(
			[
				[0, 'warning'],
				[20, 'warning'],
			],
			settings,
		).record;
		expect(observe(seen, 'warning', 1, at(50) - 1, settings).notice).toBe('firing');
		expect(observe(seen, 'warning', 1, at(50), settings)).toMatchObject({ notice: null, record: { count: 1, since: at(50) } });
	});
});

describe('firing, step by step', () => {
	it('a run with no change keeps the record as it was, apart from the value', () => {
		const settings = timing({ renotifyMs: 60 * MINUTE });
		expect(observe(firing('warning'), 'warning', 3, at(60) - 1, settings)).toEqual({
			record: { ...firing('warning'), seenAt: at(60) - 1, value: 3 },
			previousState: 'firing',
			notice: null,
		});
	});

	it('reminds from the last notice, not from when it started firing', () => {
		const settings = timing({ renotifyMs: 60 * MINUTE });
		const alert = firing('warning', { notifiedAt: at(30) });
		expect(observe(alert, 'warning', 1, at(90) - 1, settings).notice).toBeNull();
		expect(observe(alert, 'warning', 1, at(90), settings)).toMatchObject({ notice: 'renotify', record: { notifiedAt: at(90), since: at(0) } });
	});

	it('escalation needs the runs and the time at the worse level, counted from the first worse run', () => {
		const settings = timing({ pendingEvaluations: 2, pendingMs: 5 * MINUTE });
		const one = observe(firing('warning'), 'critical', 1, at(1), settings);
		expect(one.record).toMatchObject({ severity: 'warning', raise: 1, raiseSince: at(1) });
		const two = observe(one.record, 'critical', 1, at(2), settings);
		expect([two.notice, two.record?.severity, two.record?.raise, two.record?.raiseSince]).toEqual([null, 'warning', 2, at(1)]);
		expect(observe(two.record, 'critical', 1, at(6) - 1, settings).notice).toBeNull();
		const escalated = observe(two.record, 'critical', 1, at(6), settings);
		expect(escalated).toEqual({
			record: { ...firing('warning'), severity: 'critical', raise: 0, raiseSince: 0, notifiedAt: at(6), seenAt: at(6), value: 1 },
			previousState: 'firing',
			notice: 'escalated',
		});
		// the time alone is not enough: one worse run after the wait does not escalate
		const late = observe(firing('warning'), 'critical', 1, at(60), settings);
		expect([late.notice, late.record?.severity]).toEqual([null, 'warning']);
	});

	it('a dip back to the firing level clears a pending escalation', () => {
		const settings = timing({ pendingEvaluations: 2 });
		const raised = observe(firing('warning'), 'critical', 1, at(1), settings);
		const dipped = observe(raised.record, 'warning', 1, at(2), settings);
		expect(dipped.record).toMatchObject({ severity: 'warning', raise: 0, raiseSince: 0 });
		const again = observe(dipped.record, 'critical', 1, at(3), settings);
		expect(again.record).toMatchObject({ raise: 1, raiseSince: at(3) });
	});

	it('a reminder due while an escalation is pending still goes out, at the old level', () => {
		const settings = timing({ pendingEvaluations: 2, renotifyMs: 60 * MINUTE });
		expect(observe(firing('warning'), 'critical', 1, at(60), settings)).toMatchObject({
			notice: 'renotify',
			record: { severity: 'warning', raise: 1, notifiedAt: at(60) },
		});
	});

	it('de-escalation is immediate (hysteresis happened before) and clears a pending raise', () => {
		const settings = timing({ pendingEvaluations: 3 });
		expect(observe(firing('critical', { raise: 0 }), 'warning', 1, at(1), settings)).toEqual({
			record: { ...firing('critical'), severity: 'warning', notifiedAt: at(1), seenAt: at(1), value: 1 },
			previousState: 'firing',
			notice: 'deescalated',
		});
	});

	it('resolving keeps when the last notice went out and clears everything else', () => {
		const alert = firing('critical', { raise: 2, raiseSince: at(3), count: 4 });
		expect(observe(alert, 'ok', 2, at(10), timing())).toEqual({
			record: {
				state: 'normal',
				severity: 'ok',
				since: at(10),
				count: 0,
				raise: 0,
				raiseSince: 0,
				notifiedAt: at(0),
				seenAt: at(10),
				value: 2,
				owed: null,
				announced: false,
			},
			previousState: 'firing',
			notice: 'resolved',
			cause: 'recovered',
		});
	});
});

describe('series that stop reporting, step by step', () => {
	it('a firing series missing for less than the missing time is kept as it is', () => {
		const alert = firing('warning');
		expect(absent(alert, at(30) - 1, timing({ renotifyMs: MINUTE }))).toEqual({ record: alert, previousState: 'firing', notice: null });
	});

	it('the missing time counts from the last value, not from when it started firing', () => {
		const alert = firing('warning', { seenAt: at(20) });
		expect(absent(alert, at(50) - 1, timing()).notice).toBeNull();
		expect(absent(alert, at(50), timing())).toMatchObject({ notice: 'resolved', cause: 'gone' });
	});

	it('gone: the record stays, normal since now, unless the series is past the forget time', () => {
		const settings = timing({ missingMs: 30 * MINUTE, forgetMs: 60 * MINUTE });
		const alert = firing('critical', { raise: 1, raiseSince: at(0) });
		expect(absent(alert, at(60), settings)).toEqual({
			record: { ...alert, state: 'normal', severity: 'ok', since: at(60), count: 0, raise: 0, raiseSince: 0, owed: null, announced: false },
			previousState: 'firing',
			notice: 'resolved',
			cause: 'gone',
		});
		expect(absent(alert, at(60) + 1, settings)).toEqual({ record: undefined, previousState: 'firing', notice: 'resolved', cause: 'gone' });
	});

	it('No Data: a firing series goes critical, since now, with a fresh notice time', () => {
		const settings = timing({ noData: true, missingMs: 30 * MINUTE });
		const alert = firing('warning', { raise: 1, raiseSince: at(1) });
		expect(absent(alert, at(30) - 1, settings).notice).toBeNull();
		expect(absent(alert, at(30), settings)).toEqual({
			record: { ...alert, state: 'nodata', severity: 'critical', since: at(30), count: 0, raise: 0, raiseSince: 0, notifiedAt: at(30) },
			previousState: 'firing',
			notice: 'nodata',
		});
	});

	it('No Data does not apply to a healthy series already past the forget time: it is forgotten', () => {
		const settings = timing({ noData: true, missingMs: 30 * MINUTE, forgetMs: 60 * MINUTE });
		expect(absent(initialRecord(at(0)), at(60), settings).notice).toBe('nodata');
		expect(absent(initialRecord(at(0)), at(60) + 1, settings)).toEqual({ record: undefined, previousState: 'normal', notice: null });
	});

	it('without No Data a healthy series is kept as it is until forgotten', () => {
		const healthy = initialRecord(at(0));
		expect(absent(healthy, at(24 * 60), timing())).toEqual({ record: healthy, previousState: 'normal', notice: null });
	});

	it('No Data with no reminder due keeps the record; the data back bad fires anew', () => {
		const settings = timing({ noData: true, renotifyMs: 60 * MINUTE });
		const silent = firing('critical', { state: 'nodata', since: at(30), notifiedAt: at(30) });
		expect(absent(silent, at(89), settings)).toEqual({ record: silent, previousState: 'nodata', notice: null });
		expect(observe(silent, 'critical', 6, at(40), settings)).toEqual({
			record: { ...silent, state: 'firing', severity: 'critical', since: at(40), count: 1, notifiedAt: at(40), seenAt: at(40), value: 6 },
			previousState: 'nodata',
			notice: 'firing',
		});
	});

	it('retiring forgets every record, and says why', () => {
		const pending: AlertRecord = { ...initialRecord(at(0)), state: 'pending', severity: 'warning', count: 1 };
		expect(retire(pending, at(1))).toEqual({ record: undefined, previousState: 'pending', notice: null, cause: 'removed' });
		expect(retire(initialRecord(at(0)), at(1))).toEqual({ record: undefined, previousState: 'normal', notice: null, cause: 'removed' });
		expect(retire({ ...firing('warning'), state: 'nodata' }, at(1))).toEqual({
			record: undefined,
			previousState: 'nodata',
			notice: 'resolved',
			cause: 'removed',
		});
		expect(retire(firing('warning', { owed: 'firing', announced: false }), at(1)).notice).toBeNull();
		expect(retire(firing('warning', { owed: 'escalated' }), at(1)).notice).toBe('resolved');
	});
});

describe('minimum interval, step by step', () => {
	const settings = timing({ minIntervalMs: 30 * MINUTE });

	it('never holds the very first notice of a series', () => {
		expect(observe(undefined, 'warning', 1, T, settings).notice).toBe('firing');
	});

	it('counts from the last notice, and holds until exactly the interval has passed', () => {
		const alert = firing('critical', { notifiedAt: at(20) });
		const held = observe(alert, 'warning', 1, at(50) - 1, settings);
		expect(held).toEqual({
			record: { ...alert, severity: 'warning', seenAt: at(50) - 1, value: 1, owed: 'deescalated' },
			previousState: 'firing',
			notice: null,
		});
		expect(observe(held.record, 'warning', 1, at(50) - 1, settings)).toMatchObject({ notice: null, record: { owed: 'deescalated', notifiedAt: at(20) } });
		expect(observe(held.record, 'warning', 1, at(50), settings)).toMatchObject({ notice: 'deescalated', record: { owed: null, notifiedAt: at(50) } });
		expect(observe(alert, 'warning', 1, at(50), settings)).toMatchObject({ notice: 'deescalated', record: { owed: null, notifiedAt: at(50) } });
	});

	it('no interval: notices go out back to back', () => {
		expect(observe(firing('critical'), 'warning', 1, at(0) + 1, timing()).notice).toBe('deescalated');
	});

	it('an owed first announcement stays owed as such through later changes', () => {
		const owed = firing('warning', { owed: 'firing', announced: false });
		const lower = observe(firing('critical', { owed: 'firing', announced: false }), 'warning', 1, at(5), settings);
		expect([lower.notice, lower.record?.owed, lower.record?.severity]).toEqual([null, 'firing', 'warning']);
		expect(observe(owed, 'warning', 1, at(30), settings)).toMatchObject({ notice: 'firing', record: { owed: null, notifiedAt: at(30) } });
		expect(observe(owed, 'ok', 1, at(30), settings)).toMatchObject({ notice: null });
	});

	it('a held No Data notice of a healthy series goes out at the first run the interval allows', () => {
		const noData = timing({ minIntervalMs: 30 * MINUTE, missingMs: 10 * MINUTE, noData: true });
		const healthy = { ...initialRecord(at(0)), notifiedAt: at(0) };
		const held = absent(healthy, at(10), noData);
		expect([held.notice, held.record?.state, held.record?.owed]).toEqual([null, 'nodata', 'nodata']);
		expect(absent(held.record as AlertRecord, at(30) - 1, noData).notice).toBeNull();
		expect(absent(held.record as AlertRecord, at(30), noData)).toMatchObject({ notice: 'nodata', record: { owed: null, notifiedAt: at(30) } });
		// never sent: its resolve is silent
		expect(observe(held.record, 'ok', 1, at(20), noData).notice).toBeNull();
	});

	it('an announced alert whose No Data notice is held still resolves out loud', () => {
		const noData = timing({ minIntervalMs: 30 * MINUTE, missingMs: 10 * MINUTE, noData: true });
		const fired = observe(undefined, 'warning', 1, T, noData);
		expect(fired.notice).toBe('firing');
		const silent = absent(fired.record as AlertRecord, at(10), noData);
		expect([silent.notice, silent.record?.state]).toEqual([null, 'nodata']);
		// the operator was told it fires: the recovery must be heard
		expect(observe(silent.record, 'ok', 1, at(15), noData)).toMatchObject({ notice: 'resolved', cause: 'recovered' });
	});

	it('an announced No Data alert whose firing notice is held still resolves out loud', () => {
		const noData = timing({ minIntervalMs: 30 * MINUTE, missingMs: 10 * MINUTE, noData: true });
		const announced = absent(initialRecord(at(0)), at(10), noData);
		expect(announced.notice).toBe('nodata');
		const bad = observe(announced.record, 'warning', 1, at(12), noData);
		expect([bad.notice, bad.record?.state]).toEqual([null, 'firing']);
		expect(observe(bad.record, 'ok', 1, at(13), noData)).toMatchObject({ notice: 'resolved', cause: 'recovered' });
	});
});

describe('purity', () => {
	it('no function changes the record it was given', () => {
		const noData = timing({ noData: true, renotifyMs: MINUTE, minIntervalMs: 30 * MINUTE, pendingEvaluations: 2 });
		const records: AlertRecord[] = [
			initialRecord(at(0)),
			{ ...initialRecord(at(0)), state: 'pending', severity: 'warning', count: 1 },
			firing('warning'),
			firing('warning', { raise: 1, raiseSince: at(1) }),
			firing('critical', { owed: 'escalated' }),
			firing('critical', { state: 'nodata' }),
		];
		for (const record of records) {
			const copy = { ...record };
			const frozen = Object.freeze({ ...record });
			for (const severity of ['ok', 'warning', 'critical'] as Severity[]) {
				observe(frozen, severity, 5, at(2), noData);
				observe(frozen, severity, 5, at(100), noData);
			}
			absent(frozen, at(2), noData);
			absent(frozen, at(100), noData);
			absent(frozen, at(10_000), noData);
			retire(frozen, at(2));
			expect(frozen).toEqual(copy);
		}
	});
});

describe('severityOf with hysteresis', () => {
	it('changeAbove judges and recovers on the size of the change', () => {
		const change: Thresholds = { condition: 'changeAbove', warning: 20, critical: 40, margin: 0.25 };
		expect([-19, -20, -40, 19, 20, 40].map((value) => severityOf(value, change, 'ok'))).toEqual(['ok', 'warning', 'critical', 'ok', 'warning', 'critical']);
		// critical recovers below 30, warning below 15
		expect([-35, -30, -29.5, 29.5].map((value) => severityOf(value, change, 'critical'))).toEqual(['critical', 'critical', 'warning', 'warning']);
		expect([-15, 15, -14.5, 14.5].map((value) => severityOf(value, change, 'warning'))).toEqual(['warning', 'warning', 'ok', 'ok']);
	});

	it('above with only a critical line recovers from it straight to ok', () => {
		const only: Thresholds = { condition: 'above', critical: 500, margin: 0.25 };
		expect([499, 500].map((value) => severityOf(value, only, 'ok'))).toEqual(['ok', 'critical']);
		expect([400, 375, 374].map((value) => severityOf(value, only, 'critical'))).toEqual(['critical', 'critical', 'ok']);
		// firing at warning when the warning line was since removed: it recovers from the critical line
		expect([375, 374].map((value) => severityOf(value, only, 'warning'))).toEqual(['warning', 'ok']);
	});

	it('above with only a warning line', () => {
		const only: Thresholds = { condition: 'above', warning: 100, margin: 0.25 };
		expect([99, 100].map((value) => severityOf(value, only, 'ok'))).toEqual(['ok', 'warning']);
		expect([75, 74].map((value) => severityOf(value, only, 'warning'))).toEqual(['warning', 'ok']);
	});

	it('below: critical holds to the critical line plus its margin, warning to the warning line plus its margin', () => {
		const low: Thresholds = { condition: 'below', warning: 10, critical: 5, margin: 0.5 };
		expect([10.01, 10, 5.01, 5].map((value) => severityOf(value, low, 'ok'))).toEqual(['ok', 'warning', 'warning', 'critical']);
		expect([7.5, 7.6, 15, 15.1].map((value) => severityOf(value, low, 'critical'))).toEqual(['critical', 'warning', 'warning', 'ok']);
		expect([15, 15.1].map((value) => severityOf(value, low, 'warning'))).toEqual(['warning', 'ok']);
	});

	it('margin 0: recovered as soon as the line is passed', () => {
		const exact: Thresholds = { condition: 'above', warning: 100, critical: 500, margin: 0 };
		expect([100, 99.99].map((value) => severityOf(value, exact, 'warning'))).toEqual(['warning', 'ok']);
		expect([500, 499.99].map((value) => severityOf(value, exact, 'critical'))).toEqual(['critical', 'warning']);
	});

	it('ranges: the bounds themselves are inside; back inside by the margin of the width', () => {
		const range: Thresholds = { condition: 'outsideRange', low: 10, high: 30, rangeSeverity: 'warning', margin: 0.25 };
		expect([9.99, 10, 30, 30.01].map((value) => severityOf(value, range, 'ok'))).toEqual(['warning', 'ok', 'ok', 'warning']);
		// width 20, 25%: back inside from 15 to 25
		expect([14.99, 15, 25, 25.01].map((value) => severityOf(value, range, 'warning'))).toEqual(['warning', 'ok', 'ok', 'warning']);
	});

	it('ranges with one bound: the margin of that bound, of its size when negative; critical by default', () => {
		const ceiling: Thresholds = { condition: 'outsideRange', high: 80, margin: 0.25 };
		expect([80, 80.01].map((value) => severityOf(value, ceiling, 'ok'))).toEqual(['ok', 'critical']);
		expect([60.01, 60].map((value) => severityOf(value, ceiling, 'critical'))).toEqual(['critical', 'ok']);
		const floor: Thresholds = { condition: 'outsideRange', low: -40, margin: 0.25 };
		expect([-40, -40.01].map((value) => severityOf(value, floor, 'ok'))).toEqual(['ok', 'critical']);
		expect([-30.01, -30].map((value) => severityOf(value, floor, 'critical'))).toEqual(['critical', 'ok']);
	});
});

describe('thresholdFor', () => {
	it('names the line a severity was judged against', () => {
		const both: Thresholds = { condition: 'above', warning: 100, critical: 500, margin: 0 };
		expect([thresholdFor(both, 'critical'), thresholdFor(both, 'warning'), thresholdFor(both, 'ok')]).toEqual([500, 100, 100]);
		expect(thresholdFor({ condition: 'below', warning: 10, margin: 0 }, 'critical')).toBe(10);
		expect(thresholdFor({ condition: 'below', critical: 5, margin: 0 }, 'warning')).toBe(5);
		expect(thresholdFor({ condition: 'above', margin: 0 }, 'warning')).toBeNull();
		expect(thresholdFor({ condition: 'above', margin: 0 }, 'critical')).toBeNull();
		expect(thresholdFor({ condition: 'outsideRange', low: 10, high: 30, margin: 0 }, 'critical')).toBe(10);
		expect(thresholdFor({ condition: 'outsideRange', high: 30, margin: 0 }, 'warning')).toBe(30);
		expect(thresholdFor({ condition: 'outsideRange', margin: 0 }, 'warning')).toBeNull();
	});
});

describe('holdVerdict, by hand', () => {
	const verdict = (metric: number | null, severity: Severity, target: number, critical: number): Verdict => ({
		judged: true,
		metric,
		target,
		critical,
		severity,
		gap: null,
		gapPercent: null,
		reason: 'as judged',
	});

	it('ROAS (target 4, critical 2, margin 25%): critical holds below 2.5, warning below 5', () => {
		expect(holdVerdict('roas', verdict(2.4, 'warning', 4, 2), 'critical', 0.25)).toEqual({
			...verdict(2.4, 'critical', 4, 2),
			reason: 'ROAS 2.4 has not yet recovered from the critical level of 2: it recovers at or above 2.5.',
		});
		const atLine = verdict(2.5, 'warning', 4, 2);
		expect(holdVerdict('roas', atLine, 'critical', 0.25)).toBe(atLine);
		expect(holdVerdict('roas', verdict(4.5, 'ok', 4, 2), 'critical', 0.25)).toEqual({
			...verdict(4.5, 'warning', 4, 2),
			reason: 'ROAS 4.5 has not yet recovered from the target of 4: it recovers at or above 5.',
		});
		expect(holdVerdict('roas', verdict(4.99, 'ok', 4, 2), 'warning', 0.25)).toMatchObject({ severity: 'warning' });
		const back = verdict(5, 'ok', 4, 2);
		expect(holdVerdict('roas', back, 'warning', 0.25)).toBe(back);
	});

	it('CPA (target 40, maximum 80, margin 25%): critical holds above 60, warning above 30', () => {
		expect(holdVerdict('cpa', verdict(70, 'warning', 40, 80), 'critical', 0.25)).toEqual({
			...verdict(70, 'critical', 40, 80),
			reason: 'CPA 70.00 has not yet recovered from the maximum of 80.00: it recovers at or below 60.00.',
		});
		const atMaxLine = verdict(60, 'warning', 40, 80);
		expect(holdVerdict('cpa', atMaxLine, 'critical', 0.25)).toBe(atMaxLine);
		expect(holdVerdict('cpa', verdict(35, 'ok', 40, 80), 'warning', 0.25)).toEqual({
			...verdict(35, 'warning', 40, 80),
			reason: 'CPA 35.00 has not yet recovered from the target of 40.00: it recovers at or below 30.00.',
		});
		const atTargetLine = verdict(30, 'ok', 40, 80);
		expect(holdVerdict('cpa', atTargetLine, 'warning', 0.25)).toBe(atTargetLine);
	});

	it('CPA with no conversions (metric null) never recovers', () => {
		expect(holdVerdict('cpa', verdict(null, 'ok', 40, 80), 'warning', 0.25)).toEqual({
			...verdict(null, 'warning', 40, 80),
			reason: 'CPA n/a has not yet recovered from the target of 40.00: it recovers at or below 30.00.',
		});
		expect(holdVerdict('cpa', verdict(null, 'ok', 40, 80), 'critical', 0.25)).toMatchObject({ severity: 'critical' });
	});

	it('CPA without a maximum (0): critical (no conversions) drops to warning, held on the target line', () => {
		expect(holdVerdict('cpa', verdict(35, 'warning', 40, 0), 'critical', 0.25)).toMatchObject({ severity: 'warning' });
		expect(holdVerdict('cpa', verdict(35, 'ok', 40, 0), 'critical', 0.25)).toMatchObject({ severity: 'warning' });
		const recovered = verdict(30, 'ok', 40, 0);
		expect(holdVerdict('cpa', recovered, 'critical', 0.25)).toBe(recovered);
	});

	it('returns verdicts at the firing level, worse ones and unjudged ones unchanged', () => {
		const same = verdict(35, 'warning', 40, 80);
		expect(holdVerdict('cpa', same, 'warning', 0.25)).toBe(same);
		const worse = verdict(1, 'critical', 4, 2);
		expect(holdVerdict('roas', worse, 'warning', 0.25)).toBe(worse);
		const unjudged: Verdict = { judged: false, metric: null, reason: 'not enough spend' };
		expect(holdVerdict('roas', unjudged, 'critical', 0.25)).toBe(unjudged);
	});
});

describe('markedIfTest, more', () => {
	it('leaves the input alone and keeps a message that is not text', () => {
		const json = Object.freeze({ message: 'CRITICAL Brand', test: false });
		expect(markedIfTest(json, true)).toEqual({ message: '[TEST] CRITICAL Brand', test: true });
		expect(json).toEqual({ message: 'CRITICAL Brand', test: false });
		expect(markedIfTest({ message: 5 }, true)).toEqual({ message: 5, test: true });
	});
});
