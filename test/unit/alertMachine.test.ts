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
	...overrides,
});

describe('pending (Prometheus for)', () => {
	it('needs the run count: fires at exactly the n-th bad run', () => {
		expect(run([[0, 'warning'], [1, 'warning'], [2, 'warning']], timing({ pendingEvaluations: 3 })).notices).toEqual([null, null, 'firing']);
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
		expect(run([[0, 'warning'], [20, 'warning'], [21, 'warning']], settings).notices).toEqual([null, null, 'firing']);
		expect(run([[0, 'warning'], [1, 'warning'], [2, 'warning'], [10, 'warning']], settings).notices).toEqual([null, null, null, 'firing']);
	});

	it('starts over when the value is back to ok, and fires at the level that holds then', () => {
		const settings = timing({ pendingEvaluations: 3 });
		expect(run([[0, 'warning'], [1, 'ok'], [2, 'warning'], [3, 'warning']], settings).notices).toEqual([null, null, null, null]);
		const climbed = run([[0, 'critical'], [1, 'warning'], [2, 'warning']], settings);
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
		expect(observe(firing('critical'), 'warning', 1, at(1), timing())).toMatchObject({ notice: 'deescalated', record: { severity: 'warning', state: 'firing' } });
		expect(observe(firing('critical'), 'ok', 1, at(1), timing())).toMatchObject({ notice: 'resolved', cause: 'recovered', record: { state: 'normal', severity: 'ok', since: at(1) } });
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
		const owed = firing('warning', { owed: 'firing' });
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
