/**
 * Long timelines over a simulated clock through n8n's engine, one per way an alert used to be lost,
 * stuck or stormy (issue "One alert state machine"): each failed on the code before the shared
 * alert machine. Health Monitor first, then the ROAS Calculator and the CPA Tracker.
 */
const { createSession, savedMemory, triggerThenNode } = require('./harness');

const NODE = 'Watch';
const START = Date.parse('2026-11-27T12:00:00Z');
const minute = (n) => new Date(START + n * 60_000).toISOString();
const hour = (n) => minute(n * 60);

const health = (checks, nodeSettings = {}) =>
	triggerThenNode({
		type: 'healthMonitor',
		name: NODE,
		trigger: 'Data',
		parameters: { checks: { check: checks }, options: { emitOk: true } },
		settings: nodeSettings,
	});
const ads = (type, parameters = {}, nodeSettings = {}) => triggerThenNode({ type, name: NODE, trigger: 'Data', parameters, settings: nodeSettings });

/** What each run sent: "series notice severity" on Alert, "series resolved" on Resolved. */
const healthSent = (result) => {
	const [alerts, resolved] = result.jsonOutputsOf(NODE);
	return [...alerts.map((json) => json.error ?? `${json.series} ${json.notice} ${json.severity}`), ...resolved.map((json) => `${json.series} resolved`)];
};
const adsSent = (result) => result.jsonOutputsOf(NODE)[0].map((json) => `${json.campaign} ${json.alert.notice} ${json.severity}`);

/** Runs `values[i]` at `at(i)` and returns what every run sent. */
async function timeline(session, inputs, at, sent) {
	const runs = [];
	for (const [i, input] of inputs.entries()) runs.push(sent(await session.run({ pinData: { Data: input }, at: at(i) })));
	return runs;
}

const queue = (options = {}, extra = {}) => ({
	name: 'Queue depth',
	checkType: 'metric',
	metricField: 'depth',
	seriesField: 'queue',
	condition: 'above',
	warning: 100,
	critical: 500,
	options,
	...extra,
});
const depths = (values) => Object.entries(values).map(([queue, depth]) => ({ queue, depth }));

describe('Health Monitor: a run that stops changes nothing', () => {
	it('keeps the alerts of the other series when one item is bad, and never resolves an alert nobody got', async () => {
		const session = createSession(health([queue()]));
		const bad = await session.run({ pinData: { Data: [...depths({ orders: 200 }), { queue: 'emails', depth: 'n/a' }] }, at: minute(0) });
		expect(bad.error.message).toBe('Check "Queue depth": "depth" in item 1 is "n/a", which is not a number');
		// n8n saves static data after a failed run too: nothing of the stopped run may be in it
		expect(session.staticData['node:Watch'] ?? {}).toEqual({});
		expect(healthSent(await session.run({ pinData: { Data: depths({ orders: 200, emails: 5 }) }, at: minute(1) }))).toEqual(['orders firing warning']);
		expect(healthSent(await session.run({ pinData: { Data: depths({ orders: 20, emails: 5 }) }, at: minute(2) }))).toEqual(['orders resolved']);
	});
});

describe('Health Monitor: gone series and removed checks', () => {
	it('resolves a firing series that stops reporting once, after Series Missing After, with no reminders meanwhile', async () => {
		const session = createSession(health([queue({ renotifyMinutes: 5, missingMinutes: 30 })]));
		const inputs = [depths({ orders: 200, emails: 200 }), ...Array.from({ length: 60 }, () => depths({ orders: 200 }))];
		const runs = await timeline(session, inputs, (i) => minute(i), healthSent);
		const emails = runs.map((sent, i) => [i, sent.filter((line) => line.startsWith('emails'))]).filter(([, sent]) => sent.length > 0);
		expect(emails).toEqual([
			[0, ['emails firing warning']],
			[30, ['emails resolved']],
		]);
		// the series that keeps reporting keeps its reminders every 5 minutes
		expect(runs.filter((sent) => sent.includes('orders renotify warning'))).toHaveLength(12);
	});

	it('with Alert on No Data: one "no data", reminders, then one resolve when the series is forgotten after 7 days', async () => {
		const session = createSession(health([queue({ alertOnNoData: true, missingMinutes: 60, renotifyMinutes: 24 * 60 })]));
		const day = (n) => hour(n * 24);
		const sent = [];
		sent.push(healthSent(await session.run({ pinData: { Data: depths({ orders: 200, emails: 200 }) }, at: hour(0) })));
		sent.push(healthSent(await session.run({ pinData: { Data: depths({ orders: 20 }) }, at: hour(1) })));
		for (let n = 1; n <= 8; n++) sent.push(healthSent(await session.run({ pinData: { Data: depths({ orders: 20 }) }, at: day(n) })));
		expect(sent.flat().filter((line) => line.startsWith('emails'))).toEqual([
			'emails firing warning',
			'emails nodata critical',
			...Array(6).fill('emails renotify critical'),
			'emails resolved',
		]);
		expect(savedMemory(session.staticData).checks['Queue depth'].series).not.toHaveProperty('emails');
	});
});

describe('Health Monitor: no storms around a line', () => {
	const alternate = (a, b, runs) => Array.from({ length: runs }, (_, i) => depths({ orders: i % 2 === 0 ? a : b }));

	it('values around the warning line: one alert, not one per run (default recovery margin)', async () => {
		const runs = await timeline(createSession(health([queue()])), alternate(101, 99, 40), minute, healthSent);
		expect(runs.flat()).toEqual(['orders firing warning']);
	});

	it('values around the critical line: one escalation, no de-escalation storm', async () => {
		const runs = await timeline(createSession(health([queue()])), alternate(510, 490, 40), minute, healthSent);
		expect(runs.flat()).toEqual(['orders firing critical']);
	});

	it('critical back to warning is a notice of its own, once the value is past the critical recovery line', async () => {
		const runs = await timeline(
			createSession(health([queue()])),
			[510, 460, 440, 430].map((depth) => depths({ orders: depth })),
			minute,
			healthSent,
		);
		expect(runs).toEqual([['orders firing critical'], [], ['orders deescalated warning'], []]);
	});

	it('Outside a Range uses the recovery margin too', async () => {
		const range = { name: 'Basket', checkType: 'metric', metricField: 'basket', condition: 'outsideRange', low: 100, high: 200, options: {} };
		const inputs = [99, 101, 99, 108, 111, 101].map((basket) => [{ basket }]);
		const runs = await timeline(createSession(health([range])), inputs, minute, healthSent);
		// width 100, 10%: back inside from 110
		expect(runs).toEqual([['Basket firing critical'], [], [], [], ['Basket resolved'], []]);
	});

	it('the Minimum Time Between Alerts holds a re-fire and sends it later, never a resolve', async () => {
		const session = createSession(health([queue({ minIntervalMinutes: 30, recoveryMarginPercent: 0 })]));
		const inputs = [200, 50, 200, 200, 200].map((depth) => depths({ orders: depth }));
		const at = [0, 5, 10, 20, 31].map((n) => minute(n));
		const runs = await timeline(session, inputs, (i) => at[i], healthSent);
		expect(runs).toEqual([['orders firing warning'], ['orders resolved'], [], [], ['orders firing warning']]);
	});
});

describe("Health Monitor: pending is Prometheus' for", () => {
	it('a value back under the threshold resets pending, and the alert says what is true', async () => {
		const session = createSession(health([queue({ pendingRuns: 3 })]));
		const runs = await timeline(
			session,
			[105, 98, 105, 106, 107].map((depth) => depths({ orders: depth })),
			minute,
			healthSent,
		);
		expect(runs).toEqual([[], [], [], [], ['orders firing warning']]);
	});

	it('a run without the series resets pending', async () => {
		const session = createSession(health([queue({ pendingRuns: 2 })]));
		const runs = await timeline(
			session,
			[depths({ orders: 200 }), depths({ emails: 1 }), depths({ orders: 200 }), depths({ orders: 200 })],
			minute,
			healthSent,
		);
		expect(runs).toEqual([[], [], [], ['orders firing warning']]);
	});

	it('a two-hour gap without runs resets pending: the condition was not seen holding in between', async () => {
		const session = createSession(health([queue({ pendingRuns: 2, pendingMinutes: 10 })]));
		const at = [0, 120, 125, 131].map((n) => minute(n));
		const runs = await timeline(
			session,
			[200, 200, 200, 200].map((depth) => depths({ orders: depth })),
			(i) => at[i],
			healthSent,
		);
		// pending starts again at 120; 2 runs and 10 minutes hold from 120 to 131
		expect(runs).toEqual([[], [], [], ['orders firing warning']]);
	});

	it('after a threshold is edited while firing, the alert follows the new threshold', async () => {
		const first = createSession(health([queue()]));
		await first.run({ pinData: { Data: depths({ orders: 150 }) }, at: minute(0) });
		const edited = createSession(health([queue({}, { warning: 200 })]), { staticData: first.staticData });
		const result = await edited.run({ pinData: { Data: depths({ orders: 150 }) }, at: minute(1) });
		expect(healthSent(result)).toEqual(['orders resolved']);
		expect(result.jsonOutputsOf(NODE)[1][0].message).toBe('RESOLVED Queue depth (orders): depth is 150, back to normal.');
	});
});

describe('Health Monitor: no data that works', () => {
	it('reads the empty item of Always Output Data as no data for a single-series check: no error, then "no data"', async () => {
		const payments = {
			name: 'Payments',
			checkType: 'paymentFailures',
			statusField: 'status',
			failedStatuses: 'failed',
			failureWarning: 10,
			failureCritical: 30,
			minPayments: 1,
			options: { alertOnNoData: true, missingMinutes: 10 },
		};
		const session = createSession(health([payments]));
		const ok = await session.run({ pinData: { Data: [{ status: 'paid' }, { status: 'paid' }] }, at: minute(0) });
		expect(ok.error).toBeUndefined();
		const runs = [];
		for (const n of [5, 10, 11]) {
			const result = await session.run({ pinData: { Data: [{}] }, at: minute(n) });
			expect(result.error).toBeUndefined();
			runs.push(healthSent(result));
		}
		expect(runs).toEqual([[], ['Payments nodata critical'], []]);
	});

	it('never makes a phantom series of the empty item when series come from a field', async () => {
		const volume = { name: 'Leads', checkType: 'leadVolume', seriesField: 'source', expectedCount: 10, volumeWarning: 50, volumeCritical: 20, options: {} };
		const result = await createSession(health([volume])).run({ pinData: { Data: [{}] }, at: minute(0) });
		expect(result.jsonOutputsOf(NODE).flat()).toEqual([]);
	});

	it('a No Data alert whose series comes back bad goes on as firing and resolves when it recovers', async () => {
		const session = createSession(health([queue({ alertOnNoData: true, missingMinutes: 10, pendingRuns: 3 })]));
		const inputs = [depths({ orders: 20 }), [{}], depths({ orders: 200 }), depths({ orders: 20 })];
		const at = [0, 10, 11, 12].map((n) => minute(n));
		expect(await timeline(session, inputs, (i) => at[i], healthSent)).toEqual([[], ['orders nodata critical'], ['orders firing warning'], ['orders resolved']]);
	});
});

describe('Health Monitor: test runs', () => {
	it('marks the Alert and Resolved items of a manual run as a test, in a field and in the message', async () => {
		const session = createSession(health([queue()]));
		const manual = await session.run({ pinData: { Data: depths({ orders: 200 }) }, at: minute(0), mode: 'manual' });
		const [alert] = manual.jsonOutputsOf(NODE)[0];
		expect(alert.test).toBe(true);
		expect(alert.message).toMatch(/^\[TEST\] WARNING Queue depth \(orders\)/);
		const real = await session.run({ pinData: { Data: depths({ orders: 200 }) }, at: minute(1) });
		expect(real.jsonOutputsOf(NODE)[0][0]).not.toHaveProperty('test');
	});
});

describe('ROAS Calculator and CPA Tracker timelines', () => {
	const brand = (roas, extra = {}) => ({ campaignName: 'Brand', spend: 100, conversionValue: 100 * roas, currency: 'USD', ...extra });
	const every15 = (i) => minute(i * 15);

	it('ROAS alternating 2.95 / 3.05 around a target of 3 for 5 hours: one message, not 20', async () => {
		const session = createSession(ads('roasCalculator', { targetRoas: 3, criticalRoas: 1 }));
		const inputs = Array.from({ length: 20 }, (_, i) => [brand(i % 2 === 0 ? 2.95 : 3.05)]);
		expect((await timeline(session, inputs, every15, adsSent)).flat()).toEqual(['Brand firing warning']);
	});

	it('ROAS alternating 0.95 / 1.05 around the critical level: one escalation, not 10', async () => {
		const session = createSession(ads('roasCalculator', { targetRoas: 3, criticalRoas: 1 }));
		const inputs = Array.from({ length: 20 }, (_, i) => [brand(i % 2 === 0 ? 0.95 : 1.05)]);
		expect((await timeline(session, inputs, every15, adsSent)).flat()).toEqual(['Brand firing critical']);
	});

	it('a run that stops on a campaign with two currencies loses no other alert and sends no RESOLVED nobody asked for', async () => {
		const session = createSession(ads('roasCalculator', { targetRoas: 3 }));
		const twoCurrencies = [
			brand(2),
			{ campaignName: 'Shop', spend: 10, conversionValue: 50, currency: 'USD' },
			{ campaignName: 'Shop', spend: 10, conversionValue: 50, currency: 'EUR' },
		];
		const stopped = await session.run({ pinData: { Data: twoCurrencies }, at: minute(0) });
		expect(stopped.error.message).toMatch(/two currencies/);
		expect(adsSent(await session.run({ pinData: { Data: [brand(2)] }, at: minute(15) }))).toEqual(['Brand firing warning']);
		expect(adsSent(await session.run({ pinData: { Data: [brand(4)] }, at: minute(30) }))).toEqual(['Brand resolved ok']);
	});

	it('with On Error: Continue a bad row inside a campaign takes the whole campaign out: no false RESOLVED, no new alert', async () => {
		const session = createSession(ads('roasCalculator', { targetRoas: 3 }, { onError: 'continueRegularOutput' }));
		const rows = (second) => [brand(1.5), { campaignName: 'Brand', spend: second, conversionValue: 100, currency: 'USD' }];
		expect(adsSent(await session.run({ pinData: { Data: rows(100) }, at: minute(0) }))).toEqual(['Brand firing warning']);
		const bad = await session.run({ pinData: { Data: rows('oops') }, at: minute(15) });
		expect(adsSent(bad)).toEqual([]);
		const [, ok, insufficient] = bad.outputsOf(NODE);
		expect(ok).toEqual([]);
		expect(insufficient.map((item) => [item.json.campaign, item.json.error, item.pairedItem])).toEqual([
			['Brand', '"spend" in item 1 is "oops", which is not an amount', [{ item: 0 }, { item: 1 }]],
		]);
		// the alert is still open: the next good run is quiet, not a new alert
		expect(adsSent(await session.run({ pinData: { Data: rows(100) }, at: minute(30) }))).toEqual([]);
	});

	it('a campaign whose rows stop arriving is resolved once after Campaign Missing After, not dropped in silence', async () => {
		const session = createSession(ads('cpaTracker', { targetCpa: 20, minSpend: 0, renotifyHours: 6 }));
		const leads = { campaignName: 'Leads', spend: 300, conversions: 3, currency: 'USD' };
		const other = { campaignName: 'Other', spend: 30, conversions: 3, currency: 'USD' };
		const inputs = [[leads, other], ...Array.from({ length: 60 }, () => [other])];
		const runs = await timeline(session, inputs, (i) => hour(i), adsSent);
		expect(runs.map((sent, i) => [i, sent]).filter(([, sent]) => sent.length > 0)).toEqual([
			[0, ['Leads firing warning']],
			[48, ['Leads resolved ok']],
		]);
		const resolved = (
			await createSession(ads('cpaTracker', { targetCpa: 20, minSpend: 0 }), { staticData: session.staticData }).run({
				pinData: { Data: [other] },
				at: hour(49),
			})
		).jsonOutputsOf(NODE)[0];
		expect(resolved).toEqual([]);
	});

	it('with Alert on No Data a silent campaign alerts "no data" with its name', async () => {
		const session = createSession(ads('roasCalculator', { targetRoas: 3, options: { alertOnNoData: true, missingHours: 2 } }));
		const runs = await timeline(
			session,
			[[brand(4)], [], [], []].map((rows) => (rows.length ? rows : [{ campaignName: 'Other', spend: 1, conversionValue: 9, currency: 'USD' }])),
			(i) => hour(i),
			(result) => result.jsonOutputsOf(NODE)[0].map((json) => `${json.campaign} ${json.alert.notice}: ${json.message}`),
		);
		expect(runs.flat()).toEqual(['Brand nodata: NO DATA Brand: No rows since 2026-11-27T12:00:00.000Z: no data to judge.']);
	});

	it('after the target is edited while firing, the alert follows the new target at once', async () => {
		const first = createSession(ads('roasCalculator', { targetRoas: 3 }));
		expect(adsSent(await first.run({ pinData: { Data: [brand(2.9)] }, at: minute(0) }))).toEqual(['Brand firing warning']);
		// 2.9 meets a new target of 2.8; held by hysteresis it would wait for 3.08 (2.8 + 10%)
		const edited = createSession(ads('roasCalculator', { targetRoas: 2.8 }), { staticData: first.staticData });
		expect(adsSent(await edited.run({ pinData: { Data: [brand(2.9)] }, at: minute(15) }))).toEqual(['Brand resolved ok']);
	});

	it('Alert After (Runs) holds a campaign pending, and escalation waits as long', async () => {
		const session = createSession(ads('roasCalculator', { targetRoas: 3, criticalRoas: 1, options: { pendingRuns: 2 } }));
		const runs = await timeline(
			session,
			[2, 2, 0.5, 0.5, 2].map((roas) => [brand(roas)]),
			every15,
			adsSent,
		);
		expect(runs).toEqual([[], ['Brand firing warning'], [], ['Brand escalated critical'], ['Brand deescalated warning']]);
	});
});
