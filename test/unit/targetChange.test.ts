/**
 * When the target, not the metric, moved an alert (metrics/targetChange.ts): both directions, both
 * metrics, and the cases where the metric itself did it, at the boundaries of the old target.
 */
import type { GroupTotals } from '../../nodes/shared/metrics/groups';
import { holdVerdict, judge, type Guards, type Thresholds } from '../../nodes/shared/metrics/judge';
import { withTargetChange } from '../../nodes/shared/metrics/targetChange';
import { adMemoryCodec } from '../../nodes/shared/metrics/memoryCodec';
import { UnreadableMemoryError } from '../../nodes/shared/alertMemory/store';
import { thrown } from './thrown';

const M = 1_000_000;
const totals = (spend: number, value: number, conversions: number, target?: number): GroupTotals => ({
	key: 'k',
	campaignId: 'c',
	campaignName: 'C',
	accountId: 'a',
	currency: 'EUR',
	spendMicros: spend * M,
	valueMicros: value * M,
	conversions,
	firstDate: '',
	lastDate: '',
	target,
	items: [0],
});
const none: Guards = { minSpend: 0, minConversions: 0 };
const reasonOf = (
	kind: 'roas' | 'cpa',
	group: GroupTotals,
	thresholds: Thresholds,
	before: number,
	severityBefore: 'ok' | 'warning' | 'critical',
	margin = 0,
) => {
	const verdict = holdVerdict(kind, judge(kind, group, thresholds, none, true), 'ok', margin, true);
	const changed = withTargetChange(kind, verdict, group, thresholds, none, { before, severityBefore, margin });
	return changed.judged ? `${changed.severity}: ${changed.reason}` : changed.reason;
};

describe('withTargetChange', () => {
	it('ROAS: a lowered target resolves, a raised one fires, and the reason says the target moved', () => {
		expect(reasonOf('roas', totals(100, 250, 0), { target: 2, critical: 0 }, 3, 'warning')).toBe(
			'ok: ROAS 2.5 meets the target of 2 (target lowered from 3): the target changed, not ROAS.',
		);
		expect(reasonOf('roas', totals(100, 250, 0), { target: 2.6, critical: 0 }, 2, 'ok')).toBe(
			'warning: ROAS 2.5 is below the target of 2.6 (target raised from 2): the target changed, not ROAS.',
		);
	});

	it('CPA: money on both targets', () => {
		expect(reasonOf('cpa', totals(150, 0, 1), { target: 200, critical: 0 }, 100, 'warning')).toBe(
			'ok: CPA 150.00 is within the target of 200.00 (target raised from 100.00): the target changed, not CPA.',
		);
		expect(reasonOf('cpa', totals(150, 0, 1), { target: 120, critical: 0 }, 160, 'ok')).toBe(
			'warning: CPA 150.00 is above the target of 120.00 (target lowered from 160.00): the target changed, not CPA.',
		);
	});

	it('no blame when the target did not move, when the severity did not change, or when the old target gives the new severity too', () => {
		expect(reasonOf('roas', totals(100, 250, 0), { target: 3, critical: 0 }, 3, 'ok')).toBe('warning: ROAS 2.5 is below the target of 3.');
		expect(reasonOf('roas', totals(100, 250, 0), { target: 2.8, critical: 0 }, 3, 'warning')).toBe('warning: ROAS 2.5 is below the target of 2.8.');
		// at the old target exactly, ROAS 3 would have met it too: the metric did it
		expect(reasonOf('roas', totals(100, 300, 0), { target: 2.9, critical: 0 }, 3, 'warning')).toBe('ok: ROAS 3 meets the target of 2.9.');
		expect(reasonOf('roas', totals(100, 299, 0), { target: 2.9, critical: 0 }, 3, 'warning')).toBe(
			'ok: ROAS 2.99 meets the target of 2.9 (target lowered from 3): the target changed, not ROAS.',
		);
	});

	it('the old target is judged with the recovery margin the alert had', () => {
		// recovering from 3 with 10% takes 3.3
		expect(reasonOf('roas', totals(100, 329, 0), { target: 2.9, critical: 0 }, 3, 'warning', 0.1)).toBe(
			'ok: ROAS 3.29 meets the target of 2.9 (target lowered from 3): the target changed, not ROAS.',
		);
		expect(reasonOf('roas', totals(100, 330, 0), { target: 2.9, critical: 0 }, 3, 'warning', 0.1)).toBe('ok: ROAS 3.3 meets the target of 2.9.');
	});

	it('a group not judged is left as it is', () => {
		const notJudged = judge('roas', totals(0, 0, 0), { target: 2, critical: 0 }, none, true);
		expect(withTargetChange('roas', notJudged, totals(0, 0, 0), { target: 2, critical: 0 }, none, { before: 3, severityBefore: 'warning', margin: 0 })).toBe(
			notJudged,
		);
	});

	it('a group with its own target is judged against its old own target', () => {
		expect(reasonOf('roas', totals(100, 250, 0, 2), { target: 5, critical: 0 }, 3, 'warning')).toBe(
			'ok: ROAS 2.5 meets the target of 2 (target lowered from 3): the target changed, not ROAS.',
		);
	});
});

describe('the remembered target in the ROAS and CPA memory', () => {
	const group = {
		alert: {
			state: 'firing',
			severity: 'warning',
			since: 1,
			count: 1,
			raise: 0,
			raiseSince: 0,
			notifiedAt: 1,
			seenAt: 1,
			value: 2.5,
			owed: null,
			announced: true,
		},
		identity: { campaign: 'Brand' },
		labels: { campaign: 'Brand', account: '', currency: 'USD' },
	};
	const text = (extra: Record<string, unknown>) => JSON.stringify({ schema: 2, rule: 'r', groups: { brand: { ...group, ...extra } } });

	it('reads it back when saved, and memory without it (version 1, or saved before) as before', () => {
		expect(adMemoryCodec.decode(text({ target: 3 })).groups.brand.target).toBe(3);
		expect(adMemoryCodec.decode(text({})).groups.brand).not.toHaveProperty('target');
		expect(adMemoryCodec.decode(adMemoryCodec.encode(adMemoryCodec.decode(text({ target: 2.5 })))).groups.brand.target).toBe(2.5);
	});

	it('a target that is not a number makes the memory unreadable, naming it', () => {
		const error = thrown(() => adMemoryCodec.decode(text({ target: '3' })));
		expect(error).toBeInstanceOf(UnreadableMemoryError);
		expect((error as Error).message).toContain('group "brand" has target "3"');
	});
});
