/**
 * npm run queue: n8n in queue mode on this machine, with this package and its templates.
 *
 * Redis and PostgreSQL (installed with apt-get when absent, as root) start as private instances on
 * free loopback ports, then the n8n main instance on http://localhost:5678 (N8N_PORT) and two
 * workers (QUEUE_WORKERS). Everything lives in one temporary folder, logs included, and is removed
 * when Ctrl-C stops it all: a place to try the templates across workers, not to keep work in.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { ROOT, run, ensureN8nInstalled } = require('../n8n/runtime');
const { N8nRest, OWNER } = require('../n8n/rest');
const { ensureTemplateTables } = require('../n8n/dataTables');
const { createAlertMemoryCredential } = require('../n8n/alertMemory');
const { loadTemplate, withCredentials, withSharedAlertMemory } = require('../n8n/templates');
const { ensureServicesInstalled } = require('./services');
const { startQueueCluster } = require('./cluster');

const PORT = Number(process.env.N8N_PORT ?? 5678);
const WORKERS = Number(process.env.QUEUE_WORKERS ?? 2);

function log(message) {
	process.stdout.write(`[npm run queue] ${message}\n`);
}

let cluster;

async function main() {
	ensureServicesInstalled(log);
	ensureN8nInstalled(log);
	log('building the package');
	run('npm', ['run', 'build', '--silent'], { cwd: ROOT, env: { ...process.env, CI: 'true' } });
	log(`starting Redis, PostgreSQL, the n8n main instance and ${WORKERS} workers (about a minute)`);
	cluster = await startQueueCluster({ workers: WORKERS, port: PORT, log });
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		log('stopping the workers, the main instance, PostgreSQL and Redis');
		await cluster.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	cluster.main.exited.then(() => {
		if (!stopping) {
			log(`the main instance exited; see ${cluster.mainLog}`);
			void stop();
		}
	});

	const rest = new N8nRest(cluster.main.baseUrl);
	await rest.ownerSession();
	await ensureTemplateTables(rest);
	// In queue mode the alerting nodes need the shared memory: the templates come with it set.
	const { credential } = await createAlertMemoryCredential(rest, cluster.main.baseUrl);
	const templates = fs.readdirSync(path.join(ROOT, 'workflows')).filter((file) => file.endsWith('.json'));
	for (const file of templates) {
		await rest.createWorkflow(withCredentials(withSharedAlertMemory(loadTemplate(file)), { realtimeBatchN8nApi: credential }));
	}
	log(`imported ${templates.length} templates and created the Data Tables batch_queue, alert_outbox, lead_outbox and webhook_deliveries`);
	log(`the alerting nodes keep their memory in the Data Table alert_memory, with the credential "${credential.name}" (an API key of the owner)`);
	log(`logs: ${path.dirname(cluster.mainLog)} (main.log, worker-N.log: "Worker started execution N" names the worker of each execution)`);
	log(`n8n (queue mode) is ready: http://localhost:${PORT}  (email ${OWNER.email}, password ${OWNER.password}); Ctrl-C stops it all`);
}

main().catch(async (error) => {
	process.stderr.write(`[npm run queue] ${error.message}\n`);
	await cluster?.stop();
	process.exit(1);
});
