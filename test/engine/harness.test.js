/**
 * The harness itself: static data carried from run to run, a controllable clock, and a restart
 * from saved static data. Later nodes (alert state, health checks) rely on all three.
 */
const { createSession, registerNodeType, runWorkflow } = require('./harness');

/** A node only tests use: counts its runs in static data and reports the time it saw. */
class ClockProbe {
	description = {
		displayName: 'Clock Probe',
		name: 'clockProbe',
		group: ['transform'],
		version: 1,
		description: 'Test probe',
		defaults: { name: 'Clock Probe' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	};

	async execute() {
		const state = this.getWorkflowStaticData('node');
		const previousRunAt = state.lastRunAt;
		state.runs = (state.runs ?? 0) + 1;
		state.lastRunAt = new Date().toISOString();
		return [[{ json: { runs: state.runs, now: Date.now(), previousRunAt }, pairedItem: { item: 0 } }]];
	}
}

registerNodeType('test.clockProbe', new ClockProbe());

const workflow = {
	nodes: [
		{ id: 'a', name: 'Tick', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{ id: 'b', name: 'Probe', type: 'test.clockProbe', typeVersion: 1, position: [200, 0], parameters: {} },
	],
	connections: { Tick: { main: [[{ node: 'Probe', type: 'main', index: 0 }]] } },
};

const probeOutput = (result) => result.jsonOutputsOf('Probe')[0][0];

test('a session carries static data from one run to the next, at the times given', async () => {
	const session = createSession(workflow);
	const first = probeOutput(await session.run({ at: '2026-11-27T10:00:00Z' }));
	const second = probeOutput(await session.run({ at: '2026-11-27T10:15:00Z' }));
	expect(first).toEqual({ runs: 1, now: Date.parse('2026-11-27T10:00:00Z') });
	expect(second).toEqual({ runs: 2, now: Date.parse('2026-11-27T10:15:00Z'), previousRunAt: '2026-11-27T10:00:00.000Z' });
	expect(session.staticData).toEqual({ 'node:Probe': { runs: 2, lastRunAt: '2026-11-27T10:15:00.000Z' } });
});

test('a new session restarts from saved static data, as n8n does after a restart', async () => {
	const saved = { 'node:Probe': { runs: 41, lastRunAt: '2026-11-26T23:59:00.000Z' } };
	const restarted = createSession(workflow, { staticData: saved });
	expect(probeOutput(await restarted.run({ at: '2026-11-27T00:00:00Z' }))).toMatchObject({ runs: 42 });
	expect(saved['node:Probe'].runs).toBe(41);
});

test('single runs do not share static data, and the real clock returns after a frozen run', async () => {
	await runWorkflow({ workflow, at: '2030-01-01T00:00:00Z' });
	const result = await runWorkflow({ workflow });
	expect(probeOutput(result).runs).toBe(1);
	expect(Math.abs(probeOutput(result).now - Date.now())).toBeLessThan(60_000);
});

test('a manual run, as in n8n, saves no static data', async () => {
	const session = createSession(workflow);
	await session.run({ at: '2026-11-27T10:00:00Z' });
	const manual = await session.run({ at: '2026-11-27T10:05:00Z', mode: 'manual' });
	expect(probeOutput(manual).runs).toBe(2);
	expect(session.staticData['node:Probe'].runs).toBe(1);
	expect(probeOutput(await session.run({ at: '2026-11-27T10:10:00Z' })).runs).toBe(2);
});
