/**
 * npm run bench [latency] [ads] [health] [memory] [digest] [audit]: the project's benchmarks, each comparing this package's nodes with
 * n8n's own nodes measured in the same run, through n8n's real engine. Prints figures and ratios.
 */
'use strict';

const { benchLatencyClassifier } = require('./bench/latencyClassifier');
const { benchAdPerformance } = require('./bench/adPerformance');
const { benchHealthMonitor } = require('./bench/healthMonitor');
const { benchAlertMemory } = require('./bench/alertMemory');
const { benchBatchDigest } = require('./bench/batchDigest');
const { benchAutomationAudit } = require('./bench/automationAudit');

const BENCHES = {
	latency: benchLatencyClassifier,
	ads: benchAdPerformance,
	health: benchHealthMonitor,
	memory: benchAlertMemory,
	digest: benchBatchDigest,
	audit: benchAutomationAudit,
};

async function main() {
	if (typeof globalThis.gc !== 'function') throw new Error('Run with node --expose-gc (npm run bench does)');
	const chosen = process.argv.slice(2);
	const unknown = chosen.filter((name) => !(name in BENCHES));
	if (unknown.length > 0) throw new Error(`Unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(BENCHES).join(', ')}`);
	process.stdout.write(`Node ${process.version}, ${new Date().toISOString()}\n`);
	for (const name of chosen.length > 0 ? chosen : Object.keys(BENCHES)) await BENCHES[name]();
}

main().catch((error) => {
	process.stderr.write(`${error.stack ?? error}\n`);
	process.exit(1);
});
