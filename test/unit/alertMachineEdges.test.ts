/**
 * The alert machine at its edges (alerting/alertMachine.ts), with epoch clocks: the minimum interval
 * exactly reached or one millisecond short, what a held first announcement becomes, No Data coming
 * back still bad, and which normal records are worth keeping.
 */
import { absent, initialRecord, observe, worthKeeping, type AlertRecord, type AlertTiming } from '../../nodes/shared/alerting/alertMachine';

const T = Date.parse('2026-12-01T09:00:00Z');
const MINUTE = 60_000;
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

describe('minimum interval between notices', () => {
	const limited = timing({ minIntervalMs: 10 * MINUTE });
	const fired = observe(undefined, 'warning', 1, T, limited).record as AlertRecord;

	it('an escalation one millisecond short of the interval is held and owed; at the interval it goes out', () => {
		const held = observe(fired, 'critical', 2, T + 10 * MINUTE - 1, limited);
		expect(held.notice).toBeNull();
		expect(held.record?.owed).toBe('escalated');
		const sent = observe(fired, 'critical', 2, T + 10 * MINUTE, limited);
		expect(sent.notice).toBe('escalated');
		expect(sent.record).toMatchObject({ owed: null, notifiedAt: T + 10 * MINUTE });
		// The owed notice goes out at the first run the interval allows.
		expect(observe(held.record, 'critical', 2, T + 10 * MINUTE, limited).notice).toBe('escalated');
	});

	it('a series never notified is never too soon', () => {
		const neverNotified: AlertRecord = { ...initialRecord(T), state: 'pending', severity: 'warning', count: 1 };
		expect(observe(neverNotified, 'warning', 1, T + 1, limited).notice).toBe('firing');
	});

	it('without a minimum interval nothing is held', () => {
		const free = observe(undefined, 'warning', 1, T, timing()).record as AlertRecord;
		expect(observe(free, 'critical', 2, T + 1, timing()).notice).toBe('escalated');
	});

	it('a first announcement held back stays owed as such through later changes', () => {
		const quick = timing({ minIntervalMs: 10 * MINUTE });
		const resolved = observe(fired, 'ok', 0, T + MINUTE, quick).record as AlertRecord;
		const again = observe(resolved, 'warning', 1, T + 2 * MINUTE, quick);
		expect(again.notice).toBeNull();
		expect(again.record?.owed).toBe('firing');
		const worse = observe(again.record, 'critical', 2, T + 3 * MINUTE, quick);
		expect(worse.record?.owed).toBe('firing');
		expect(observe(worse.record, 'critical', 2, T + 11 * MINUTE, quick).notice).toBe('firing');
	});
});

describe('No Data', () => {
	const watched = timing({ noData: true });
	it('a series silent for the missing time goes to No Data; back and still bad, it fires again about the value', () => {
		const firing = observe(undefined, 'critical', 5, T, watched).record as AlertRecord;
		expect(absent(firing, T + 30 * MINUTE - 1, watched).notice).toBeNull();
		const silent = absent(firing, T + 30 * MINUTE, watched);
		expect(silent.notice).toBe('nodata');
		const back = observe(silent.record, 'warning', 3, T + 31 * MINUTE, watched);
		expect(back).toMatchObject({
			previousState: 'nodata',
			notice: 'firing',
			record: { state: 'firing', severity: 'warning', value: 3, since: T + 31 * MINUTE },
		});
		const healthy = observe(silent.record, 'ok', 0, T + 31 * MINUTE, watched);
		expect(healthy.notice).toBe('resolved');
	});

	it('an unannounced No Data (held back) does not resolve, it just ends', () => {
		const limited = timing({ noData: true, minIntervalMs: 60 * MINUTE });
		const firing = observe(undefined, 'critical', 5, T, limited).record as AlertRecord;
		const silent = absent({ ...firing, announced: false, notifiedAt: T }, T + 30 * MINUTE, limited);
		expect(silent.notice).toBeNull();
		expect(observe(silent.record, 'ok', 0, T + 31 * MINUTE, limited).notice).toBeNull();
	});
});

describe('worthKeeping', () => {
	const normal = initialRecord(T);
	it('alerts in progress always; a normal record only for No Data, value comparisons, or while the minimum interval runs', () => {
		expect(worthKeeping({ ...normal, state: 'pending' }, T, timing())).toBe(true);
		expect(worthKeeping(normal, T, timing())).toBe(false);
		expect(worthKeeping(normal, T, timing({ noData: true }))).toBe(true);
		expect(worthKeeping(normal, T, timing(), true)).toBe(true);
		const notified = { ...normal, notifiedAt: T };
		expect(worthKeeping(notified, T + 10 * MINUTE - 1, timing({ minIntervalMs: 10 * MINUTE }))).toBe(true);
		expect(worthKeeping(notified, T + 10 * MINUTE, timing({ minIntervalMs: 10 * MINUTE }))).toBe(false);
		expect(worthKeeping(notified, T + 1, timing())).toBe(false);
		expect(worthKeeping({ ...normal, notifiedAt: 0 }, T, timing({ minIntervalMs: 10 * MINUTE }))).toBe(false);
	});
});
