/**
 * npm start: n8n 2.41.1 with this package and its templates, on http://localhost:5678.
 *
 * First run: installs n8n into .n8n-runtime/ (about 4 minutes, 3 GB), installs the built package as
 * a community package, imports the templates, creates a local owner account and the Data Table
 * the templates share. Later runs reuse all of it and keep your workflows.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { ROOT, RUNTIME, n8nBin, run, ensureN8nInstalled, installPackageInto } = require('./n8n/runtime');
const { n8nEnv, startN8n } = require('./n8n/server');
const { N8nRest, OWNER } = require('./n8n/rest');
const { ensureTemplateTables } = require('./n8n/dataTables');

const USER_FOLDER = process.env.N8N_USER_FOLDER ?? path.join(RUNTIME, 'user');
const PORT = Number(process.env.N8N_PORT ?? 5678);
const BROKER_PORT = Number(process.env.N8N_RUNNERS_BROKER_PORT ?? PORT + 1);

function log(message) {
	process.stdout.write(`[npm start] ${message}\n`);
}

/** Imports the templates once; later starts keep whatever the user changed. */
function importTemplates() {
	const marker = path.join(USER_FOLDER, '.templates-imported');
	if (fs.existsSync(marker)) return;
	log('importing the template workflows');
	const env = n8nEnv({ userFolder: USER_FOLDER, port: PORT, brokerPort: BROKER_PORT });
	run(n8nBin(), ['import:workflow', '--separate', `--input=${path.join(ROOT, 'workflows')}`], { env });
	fs.writeFileSync(marker, `${new Date().toISOString()}\n`);
}

async function main() {
	ensureN8nInstalled(log);
	log('building the package');
	run('npm', ['run', 'build', '--silent'], { cwd: ROOT, env: { ...process.env, CI: 'true' } });
	installPackageInto(USER_FOLDER);
	importTemplates();
	log(`starting n8n on http://localhost:${PORT}`);
	const n8n = await startN8n({ userFolder: USER_FOLDER, port: PORT, brokerPort: BROKER_PORT, logFile: 'inherit' });
	const stop = () => n8n.stop().then(({ code }) => process.exit(code ?? 0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	n8n.exited.then(({ code }) => process.exit(code ?? 0));
	const rest = new N8nRest(n8n.baseUrl);
	const { created } = await rest.ownerSession();
	if (created) log('created the local owner account');
	const tables = await ensureTemplateTables(rest);
	if (Object.values(tables).some((table) => table.created))
		log('created the Data Tables batch_queue, alert_outbox, lead_outbox and webhook_deliveries that the templates share');
	log(`n8n is ready: http://localhost:${PORT}  (email ${OWNER.email}, password ${OWNER.password}); Ctrl-C stops it`);
}

main().catch((error) => {
	process.stderr.write(`[npm start] ${error.message}\n`);
	process.exit(1);
});
