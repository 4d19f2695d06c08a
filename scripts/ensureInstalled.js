/**
 * `npm start` and `npm test` on a fresh clone: before either runs, installs exactly what the lock
 * file says when node_modules is missing or older than the lock file. Runs on whatever Node the
 * machine has (it needs nothing but Node's own modules); the command itself then runs on the
 * project's Node 24 from node_modules/.bin, which npm puts first on the PATH of every script.
 */
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');

/** Why an install is needed, or undefined when node_modules matches the lock file. */
function installNeeded(root = ROOT) {
	const lock = path.join(root, 'package-lock.json');
	// npm writes this file last, once an install has finished.
	const installed = path.join(root, 'node_modules', '.package-lock.json');
	if (!fs.existsSync(installed)) return 'node_modules is missing';
	if (fs.statSync(installed).mtimeMs < fs.statSync(lock).mtimeMs) return 'package-lock.json is newer than node_modules';
	return undefined;
}

module.exports = { installNeeded };

if (require.main === module) {
	const reason = installNeeded();
	if (reason !== undefined) {
		process.stdout.write(`[install] ${reason}: npm ci (once, about 2 minutes)\n`);
		const npm = process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath]] : ['npm', []];
		const result = spawnSync(npm[0], [...npm[1], 'ci', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' });
		if (result.status !== 0) process.exit(result.status ?? 1);
	}
}
