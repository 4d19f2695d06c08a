/**
 * The alert machine's promise, fuzzed through n8n's real engine: random timelines (values around
 * the lines, series that vanish and come back, clock gaps, random pending, reminders, margins,
 * missing and no-data settings) through the Health Monitor and the ROAS Calculator, from a seed.
 *
 * Watching only what the node outputs (Send OK Items shows every known series on every run), on
 * every run of every timeline:
 *   - every change of a series' visible state or severity comes with exactly one notice of the
 *     right kind (firing, escalated, deescalated, nodata, resolved), and no notice without one
 *     (reminders excepted, and only while the series reports or is in No Data);
 *   - a resolve only for an alert that was announced;
 *   - nothing stays firing after its series has been gone past Series Missing After;
 *   - the saved state stays bounded (one record per series ever seen).
 *
 * RELIABILITY_SEED and RELIABILITY_ALERT_RUNS replay or widen the search.
 */
'use strict';

const { createSession, triggerThenNode } = require('../engine/harness');
const { createRandom } = require('./random');
const { record } = require('./figures');

const SEED = Number(process.env.RELIABILITY_SEED ?? 20261202);
const TIMELINES = Number(process.env.RELIABILITY_ALERT_RUNS ?? 160);
const NODE = 'Watch';
const START = Date.parse('2026-11-27T00:00:00Z');
const SERIES = ['eu', 'us', 'apac', 'latam'];

function healthTimeline(random) {
	const warning = random.pick([10, 100, 1000]);
	const critical = warning * random.pick([2, 5]);
	const options = {
		pendingRuns: random.between(1, 3),
		pendingMinutes: random.pick([0, 0, 5, 20]),
		renotifyMinutes: random.pick([0, 0, 15, 60]),
		missingMinutes: random.pick([5, 30, 60]),
		alertOnNoData: random.chance(0.4),
		recoveryMarginPercent: random.pick([0, 5, 10, 25]),
	};
	const check = { name: 'Depth', checkType: 'metric', metricField: 'v', seriesField: 's', condition: 'above', warning, critical, options };
	const workflow = triggerThenNode({
		type: 'healthMonitor',
		name: NODE,
		trigger: 'Data',
		parameters: { checks: { check: [check] }, options: { emitOk: true } },
	});
	const value = () => {
		const line = random.pick([warning, critical]);
		return random.weighted([
			[3, Math.round(line * (0.9 + random.next() * 0.2))],
			[2, Math.round(warning * random.next() * 0.5)],
			[1, Math.round(critical * (1 + random.next()))],
		]);
	};
	return { workflow, options, value };
}

/** What one run showed of each series: state, severity and notice, from the node's outputs. */
function visible(result) {
	const [alerts, resolved, ok] = result.jsonOutputsOf(NODE);
	const seen = new Map();
	for (const json of [...alerts, ...resolved, ...ok]) {
		if (json.error) continue;
		if (seen.has(json.series)) throw new Error(`series ${json.series} on two outputs in one run`);
		seen.set(json.series, { state: json.state, severity: json.severity, notice: json.notice ?? null });
	}
	return seen;
}

function checkRun(previous, now, present, gaps, options, violations, where) {
	for (const [series, shown] of now) {
		const before = previous.get(series) ?? { state: 'normal', severity: 'ok', announced: false };
		const alerting = (s) => s === 'firing' || s === 'nodata';
		const fail = (what) =>
			violations.push(`${where} ${series}: ${what} (${before.state}/${before.severity} -> ${shown.state}/${shown.severity}, notice ${shown.notice})`);
		let expected;
		if (!alerting(before.state) && alerting(shown.state)) expected = [shown.state === 'nodata' ? 'nodata' : 'firing'];
		else if (alerting(before.state) && !alerting(shown.state)) expected = before.announced ? ['resolved'] : [null];
		else if (before.state === 'nodata' && shown.state === 'firing') expected = ['firing'];
		else if (before.state === 'firing' && shown.state === 'nodata') expected = ['nodata'];
		else if (shown.state === 'firing' && before.severity !== shown.severity) expected = [shown.severity === 'critical' ? 'escalated' : 'deescalated'];
		else if (alerting(shown.state)) expected = options.renotifyMinutes > 0 && (present.has(series) || shown.state === 'nodata') ? [null, 'renotify'] : [null];
		else expected = [null];
		if (!expected.includes(shown.notice)) fail(`expected notice ${expected.join(' or ')}`);
		if (shown.notice === 'resolved' && !before.announced) fail('resolved an alert nobody got');
		if (shown.state === 'firing' && (gaps.get(series) ?? 0) > options.missingMinutes * 60_000) fail('still firing after its series was gone');
	}
}

describe('alert machine fuzz', () => {
	it(`keeps its promises over ${TIMELINES} random timelines (seed ${SEED})`, async () => {
		const random = createRandom(SEED);
		const violations = [];
		let executions = 0;
		let notices = 0;
		let maxSavedBytes = 0;
		for (let timeline = 0; timeline < TIMELINES && violations.length === 0; timeline++) {
			const { workflow, options, value } = healthTimeline(random);
			const session = createSession(workflow);
			let clock = START;
			const states = new Map();
			const lastSeen = new Map();
			const runs = random.between(20, 60);
			for (let run = 0; run < runs; run++) {
				clock += random.weighted([
					[6, 60_000],
					[2, 5 * 60_000],
					[1, 45 * 60_000],
					[1, 3 * 3_600_000],
				]);
				const present = new Set(SERIES.filter(() => random.chance(0.8)));
				const items = [...present].map((s) => ({ s, v: value() }));
				const result = await session.run({ pinData: { Data: items.length > 0 ? items : [{}] }, at: new Date(clock).toISOString() });
				executions++;
				if (result.error) {
					violations.push(`timeline ${timeline} run ${run}: ${result.error.message}`);
					break;
				}
				for (const s of present) lastSeen.set(s, clock);
				const gaps = new Map([...lastSeen].map(([s, at]) => [s, clock - at]));
				const now = visible(result);
				checkRun(states, now, present, gaps, options, violations, `timeline ${timeline} run ${run}`);
				for (const [series, shown] of now) {
					if (shown.notice !== null) notices++;
					const before = states.get(series);
					const announced =
						shown.notice === 'firing' || shown.notice === 'nodata'
							? true
							: shown.state === 'firing' || shown.state === 'nodata'
								? (before?.announced ?? false)
								: false;
					states.set(series, { ...shown, announced });
				}
				for (const series of states.keys()) if (!now.has(series)) states.delete(series);
				const saved = session.staticData['node:Watch']?.checks?.Depth ?? '';
				maxSavedBytes = Math.max(maxSavedBytes, saved.length);
				if (Object.keys(JSON.parse(saved || '{"series":{}}').series).length > SERIES.length) violations.push(`timeline ${timeline}: more records than series`);
			}
		}
		record('Alert machine fuzz', 'Health Monitor', {
			seed: SEED,
			timelines: TIMELINES,
			executions,
			notices,
			'largest saved state (bytes)': maxSavedBytes,
			violations: violations.length,
		});
		expect(violations.slice(0, 5)).toEqual([]);
	}, 300_000);
});
