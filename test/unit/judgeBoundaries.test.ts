/**
 * The money boundaries of the ROAS Calculator and the CPA Tracker (metrics/judge.ts), both sides of
 * each: spend exactly at the minimum, ROAS exactly at the critical level and the target, CPA exactly
 * at the target and the maximum, conversions exactly at the minimum; and hysteresis at its lines.
 */
import { changePercent, holdVerdict, judge, metricOf, percent, type Guards, type Thresholds, type Verdict } from '../../nodes/shared/metrics/judge';
import type { GroupTotals } from '../../nodes/shared/metrics/groups';

const M = 1_000_000;
function totals(spend: number, value: number, conversions: number, target?: number): GroupTotals {
	return {
		key: 'k',
		campaignId: 'c',
		campaignName: 'C',
		accountId: 'a',
		currency: 'EUR',
		spendMicros: Math.round(spend * M),
		valueMicros: Math.round(value * M),
		conversions,
		firstDate: '',
		lastDate: '',
		target,
		items: [0],
	};
}
const ROAS: Thresholds = { target: 3, critical: 1 };
const CPA: Thresholds = { target: 40, critical: 80 };
const none: Guards = { minSpend: 0, minConversions: 0 };
const severityOf = (verdict: Verdict) => (verdict.judged ? verdict.severity : 'not judged');

describe('ROAS', () => {
	it('below, at and above the critical level and the target', () => {
		const at = (value: number) => severityOf(judge('roas', totals(100, value, 1), ROAS, none));
		expect([at(99.99), at(100), at(100.01)]).toEqual(['critical', 'warning', 'warning']);
		expect([at(299.99), at(300), at(300.01)]).toEqual(['warning', 'ok', 'ok']);
	});

	it('spend exactly at the minimum is judged; a cent below is not', () => {
		const guards = { minSpend: 50, minConversions: 0 };
		expect(judge('roas', totals(49.99, 500, 1), ROAS, guards)).toEqual({
			judged: false,
			metric: expect.closeTo(10.002, 3),
			reason: 'Spend 49.99 is below the minimum of 50.00 needed to judge ROAS.',
		});
		expect(severityOf(judge('roas', totals(50, 500, 1), ROAS, guards))).toBe('ok');
		expect(severityOf(judge('roas', totals(50.01, 10, 1), ROAS, guards))).toBe('critical');
	});

	it('no spend is not judged; spend without value is critical with its own reason', () => {
		expect(judge('roas', totals(0, 0, 0), ROAS, none)).toEqual({ judged: false, metric: null, reason: 'No spend in the period: ROAS is not defined.' });
		expect(judge('roas', totals(80, 0, 0), ROAS, none)).toMatchObject({
			judged: true,
			severity: 'critical',
			metric: 0,
			reason: 'Spent 80.00 with no conversion value.',
		});
	});

	it('gap and reasons name the line crossed', () => {
		expect(judge('roas', totals(100, 50, 1), ROAS, none)).toMatchObject({ gap: -2.5, gapPercent: -83.3, reason: 'ROAS 0.5 is below the critical level of 1.' });
		expect(judge('roas', totals(100, 200, 1), ROAS, none)).toMatchObject({ gap: -1, gapPercent: -33.3, reason: 'ROAS 2 is below the target of 3.' });
		expect(judge('roas', totals(100, 450, 1), ROAS, none)).toMatchObject({ gap: 1.5, gapPercent: 50, reason: 'ROAS 4.5 meets the target of 3.' });
	});

	it("a row's own target wins over the node's", () => {
		expect(judge('roas', totals(100, 450, 1, 5), ROAS, none)).toMatchObject({ severity: 'warning', target: 5, reason: 'ROAS 4.5 is below the target of 5.' });
		expect(judge('roas', totals(100, 450, 1, 4.5), ROAS, none)).toMatchObject({ severity: 'ok', target: 4.5 });
	});
});

describe('CPA', () => {
	it('below, at and above the target and the maximum', () => {
		const at = (spend: number) => severityOf(judge('cpa', totals(spend, 0, 1), CPA, none));
		expect([at(39.99), at(40), at(40.01)]).toEqual(['ok', 'ok', 'warning']);
		expect([at(79.99), at(80), at(80.01)]).toEqual(['warning', 'warning', 'critical']);
	});

	it('no maximum (0): never critical from the CPA alone', () => {
		expect(severityOf(judge('cpa', totals(10_000, 0, 1), { target: 40, critical: 0 }, none))).toBe('warning');
	});

	it('enough data: conversions or spend at their minimum; both below is not judged', () => {
		const guards = { minSpend: 50, minConversions: 3 };
		expect(judge('cpa', totals(49.99, 0, 2.999), CPA, guards)).toEqual({
			judged: false,
			metric: expect.closeTo(16.67, 2),
			reason: '2.999 conversions and 49.99 spend: below the minimum of 3 conversions or 50.00 spend needed to judge CPA.',
		});
		expect(judge('cpa', totals(49.99, 0, 3), CPA, guards).judged).toBe(true);
		expect(judge('cpa', totals(50, 0, 1), CPA, guards).judged).toBe(true);
	});

	it('spend without conversions is critical; nothing at all is not judged', () => {
		expect(judge('cpa', totals(90, 0, 0), CPA, none)).toMatchObject({
			judged: true,
			metric: null,
			severity: 'critical',
			gap: null,
			gapPercent: null,
			reason: 'Spent 90.00 with no conversions.',
		});
		expect(judge('cpa', totals(0, 0, 0), CPA, none)).toEqual({
			judged: false,
			metric: null,
			reason: 'No spend and no conversions in the period: CPA is not defined.',
		});
	});

	it('reasons name the line crossed, in money', () => {
		expect(judge('cpa', totals(90, 0, 1), CPA, none)).toMatchObject({ gap: 50, gapPercent: 125, reason: 'CPA 90.00 is above the maximum of 80.00.' });
		expect(judge('cpa', totals(50, 0, 1), CPA, none)).toMatchObject({ gap: 10, gapPercent: 25, reason: 'CPA 50.00 is above the target of 40.00.' });
		expect(judge('cpa', totals(30, 0, 1), CPA, none)).toMatchObject({ gap: -10, gapPercent: -25, reason: 'CPA 30.00 is within the target of 40.00.' });
	});
});

describe('CPA, version 2: spend with no conversion judged against what the target allows', () => {
	const v2 = (multiple = 1, minSpend = 0, minConversions = 0): Guards => ({ minSpend, minConversions, noConversionMultiple: multiple });

	it('the morning case: target 200, Minimum Spend 50, spent 50 with none yet is too early (version 1 said critical)', () => {
		const morning = totals(50, 0, 0);
		expect(judge('cpa', morning, { target: 200, critical: 0 }, { minSpend: 50, minConversions: 3 })).toMatchObject({ judged: true, severity: 'critical' });
		expect(judge('cpa', morning, { target: 200, critical: 0 }, v2(1, 50, 3))).toEqual({
			judged: false,
			metric: null,
			reason: 'Spent 50.00 with no conversion yet, within the target CPA of 200.00: too early to judge CPA.',
		});
	});

	it('at the allowance not judged; a cent over it an alert: warning below the maximum, critical above it', () => {
		expect(severityOf(judge('cpa', totals(40, 0, 0), CPA, v2()))).toBe('not judged');
		expect(judge('cpa', totals(40.01, 0, 0), CPA, v2())).toMatchObject({
			judged: true,
			metric: null,
			severity: 'warning',
			gap: null,
			gapPercent: null,
			reason: 'Spent 40.01 with no conversion, more than the target CPA of 40.00.',
		});
		expect(severityOf(judge('cpa', totals(80, 0, 0), CPA, v2()))).toBe('warning');
		expect(judge('cpa', totals(80.01, 0, 0), CPA, v2())).toMatchObject({
			severity: 'critical',
			reason: 'Spent 80.01 with no conversion, more than the target CPA of 40.00, and above the Maximum CPA of 80.00.',
		});
	});

	it('without a maximum, over the allowance is critical at once (nothing else would raise it)', () => {
		expect(severityOf(judge('cpa', totals(40.01, 0, 0), { target: 40, critical: 0 }, v2()))).toBe('critical');
		expect(severityOf(judge('cpa', totals(40, 0, 0), { target: 40, critical: 0 }, v2()))).toBe('not judged');
	});

	it("a multiple of the target, and a campaign's own target from the Target Field", () => {
		expect(judge('cpa', totals(100, 0, 0), CPA, v2(2.5))).toMatchObject({
			judged: false,
			reason: 'Spent 100.00 with no conversion yet, within 2.5 × the target CPA of 40.00 (100.00): too early to judge CPA.',
		});
		expect(judge('cpa', totals(100.01, 0, 0), CPA, v2(2.5))).toMatchObject({
			severity: 'critical',
			reason: 'Spent 100.01 with no conversion, more than 2.5 × the target CPA of 40.00 (100.00), and above the Maximum CPA of 80.00.',
		});
		expect(severityOf(judge('cpa', totals(100, 0, 0, 150), { target: 40, critical: 0 }, v2()))).toBe('not judged');
		expect(severityOf(judge('cpa', totals(150.01, 0, 0, 150), { target: 40, critical: 0 }, v2()))).toBe('critical');
		expect(severityOf(judge('cpa', totals(0.01, 0, 0), CPA, v2(0)))).toBe('warning');
	});

	it('counts in words: one conversion, 2 conversions, 0 conversions (version 1 kept "1 conversions")', () => {
		const guards = (minConversions: number) => ({ ...v2(1, 50, minConversions) });
		expect(judge('cpa', totals(10, 0, 1), CPA, guards(3), true).reason).toBe(
			'1 conversion and 10.00 spend: below the minimum of 3 conversions or 50.00 spend needed to judge CPA.',
		);
		expect(judge('cpa', totals(10, 0, 0), CPA, guards(1), true).reason).toBe(
			'0 conversions and 10.00 spend: below the minimum of 1 conversion or 50.00 spend needed to judge CPA.',
		);
		expect(judge('cpa', totals(10, 0, 2), CPA, guards(3), true).reason).toBe(
			'2 conversions and 10.00 spend: below the minimum of 3 conversions or 50.00 spend needed to judge CPA.',
		);
		expect(judge('cpa', totals(10, 0, 1), CPA, { minSpend: 50, minConversions: 3 }).reason).toBe(
			'1 conversions and 10.00 spend: below the minimum of 3 conversions or 50.00 spend needed to judge CPA.',
		);
	});

	it('a campaign firing critical stays critical while it has no conversion (no CPA to recover by)', () => {
		const warning = judge('cpa', totals(60, 0, 0), CPA, v2());
		expect(warning).toMatchObject({ severity: 'warning' });
		expect(holdVerdict('cpa', warning, 'critical', 0.1)).toMatchObject({
			severity: 'critical',
			reason: 'CPA n/a has not yet recovered from the maximum of 80.00: it recovers at or below 72.00.',
		});
		expect(holdVerdict('cpa', warning, 'warning', 0.1)).toBe(warning);
	});

	it('version 2 wording of a held alert without a CPA: what happened and when it ends, no "CPA n/a"', () => {
		const warning = judge('cpa', totals(60, 0, 0), CPA, v2(), true);
		expect(holdVerdict('cpa', warning, 'critical', 0.1, true)).toMatchObject({
			severity: 'critical',
			reason: 'Spent 60.00 with no conversion, more than the target CPA of 40.00; the alert stays until CPA is at or below 72.00.',
		});
	});

	it('version 2 shows a ROAS below 0.1 with two significant digits; version 1 rounded it to 0', () => {
		const tiny = totals(100, 0.24, 0);
		expect(judge('roas', tiny, { target: 3, critical: 1 }, { minSpend: 0, minConversions: 0 }, true).reason).toBe(
			'ROAS 0.0024 is below the critical level of 1.',
		);
		expect(judge('roas', tiny, { target: 3, critical: 1 }, { minSpend: 0, minConversions: 0 }).reason).toBe('ROAS 0 is below the critical level of 1.');
		expect(judge('roas', totals(100, 0.5, 0), { target: 0.005, critical: 0.001 }, { minSpend: 0, minConversions: 0 }, true).reason).toBe(
			'ROAS 0.005 meets the target of 0.005.',
		);
		const held = judge('roas', totals(100, 0.52, 0), { target: 0.005, critical: 0.001 }, { minSpend: 0, minConversions: 0 }, true);
		expect(holdVerdict('roas', held, 'warning', 0.1, true).reason).toBe(
			'ROAS 0.0052 has not yet recovered from the target of 0.005: it recovers at or above 0.0055.',
		);
		expect(judge('roas', totals(100, 25, 0), { target: 3, critical: 1 }, { minSpend: 0, minConversions: 0 }, true).reason).toBe(
			'ROAS 0.25 is below the critical level of 1.',
		);
	});
});

describe('metricOf, percent, changePercent', () => {
	it('divides the right way round and is null where undefined', () => {
		expect(metricOf('roas', totals(100, 250, 4))).toBe(2.5);
		expect(metricOf('cpa', totals(100, 250, 4))).toBe(25);
		expect(metricOf('roas', totals(0, 250, 4))).toBeNull();
		expect(metricOf('cpa', totals(100, 250, 0))).toBeNull();
	});

	it('percent of a base, rounded to one decimal; null for a base of 0', () => {
		expect(percent(1, 3)).toBe(33.3);
		expect(percent(-2, 3)).toBe(-66.7);
		expect(percent(5, 0)).toBeNull();
	});

	it('change against the previous period, where both are defined', () => {
		expect(changePercent('roas', 3, totals(100, 200, 1))).toBe(50);
		expect(changePercent('roas', 1, totals(100, 200, 1))).toBe(-50);
		expect(changePercent('roas', null, totals(100, 200, 1))).toBeNull();
		expect(changePercent('roas', 3, undefined)).toBeNull();
		expect(changePercent('roas', 3, totals(0, 0, 0))).toBeNull();
	});
});

describe('holdVerdict: a firing campaign keeps its level until past the line by the margin', () => {
	const roasAt = (value: number) => judge('roas', totals(100, value, 1), ROAS, none);
	const cpaAt = (spend: number) => judge('cpa', totals(spend, 0, 1), CPA, none);

	it('ROAS warning: held just below the recovery line (target + 5%), ok at it', () => {
		expect(holdVerdict('roas', roasAt(314.99), 'warning', 0.05)).toMatchObject({
			severity: 'warning',
			reason: 'ROAS 3.15 has not yet recovered from the target of 3: it recovers at or above 3.15.',
		});
		expect(holdVerdict('roas', roasAt(315), 'warning', 0.05)).toMatchObject({ severity: 'ok' });
	});

	it('ROAS critical: held below critical + 5%, then down to warning, not to ok', () => {
		expect(severityOf(holdVerdict('roas', roasAt(104.99), 'critical', 0.05))).toBe('critical');
		expect(severityOf(holdVerdict('roas', roasAt(105), 'critical', 0.05))).toBe('warning');
		expect(severityOf(holdVerdict('roas', roasAt(400), 'critical', 0.05))).toBe('ok');
	});

	it('CPA warning: held just above target − 5%, ok at it; critical held above maximum − 5%', () => {
		expect(severityOf(holdVerdict('cpa', cpaAt(38.01), 'warning', 0.05))).toBe('warning');
		expect(severityOf(holdVerdict('cpa', cpaAt(38), 'warning', 0.05))).toBe('ok');
		expect(holdVerdict('cpa', cpaAt(76.01), 'critical', 0.05)).toMatchObject({
			severity: 'critical',
			reason: 'CPA 76.01 has not yet recovered from the maximum of 80.00: it recovers at or below 76.00.',
		});
		expect(severityOf(holdVerdict('cpa', cpaAt(76), 'critical', 0.05))).toBe('warning');
	});

	it('a worse verdict is never held back, and a verdict at the firing level is returned as it is', () => {
		const critical = roasAt(50);
		expect(holdVerdict('roas', critical, 'warning', 0.05)).toBe(critical);
		const warning = roasAt(200);
		expect(holdVerdict('roas', warning, 'warning', 0.05)).toBe(warning);
		const notJudged = judge('roas', totals(0, 0, 0), ROAS, none);
		expect(holdVerdict('roas', notJudged, 'critical', 0.05)).toBe(notJudged);
	});

	it('CPA critical for no conversions (no maximum) ends as soon as there is a CPA', () => {
		const noMaximum = { target: 40, critical: 0 };
		expect(severityOf(holdVerdict('cpa', judge('cpa', totals(100, 0, 1), noMaximum, none), 'critical', 0.05))).toBe('warning');
		expect(severityOf(holdVerdict('cpa', judge('cpa', totals(100, 0, 0), noMaximum, none), 'critical', 0.05))).toBe('critical');
	});
});
