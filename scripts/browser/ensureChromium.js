/**
 * The browser the browser test (test/e2e/browser.test.js) drives: Debian's own Chromium package.
 * `npx playwright install` downloads a browser build of its own, which this project's machines
 * cannot fetch; Debian's package comes from the apt mirror, which they reach.
 *
 * `node scripts/browser/ensureChromium.js` (part of `npm test`) does nothing when Chromium is
 * there; otherwise, as root, it runs `apt-get update` and
 * `apt-get install -y --no-install-recommends chromium` non-interactively.
 * CHROMIUM_PATH points at another binary (default /usr/bin/chromium).
 */
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');

const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function log(message) {
	process.stdout.write(`[chromium] ${message}\n`);
}

function isExecutable(file) {
	try {
		fs.accessSync(file, fs.constants.X_OK);
		return fs.statSync(file).isFile();
	} catch {
		return false;
	}
}

function chromiumVersion(file) {
	const result = spawnSync(file, ['--version'], { encoding: 'utf8' });
	return result.status === 0 ? result.stdout.trim() : undefined;
}

function aptGet(args) {
	log(`running: apt-get ${args.join(' ')}`);
	const result = spawnSync('apt-get', args, {
		stdio: 'inherit',
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
	});
	if (result.error) throw new Error(`apt-get could not be started: ${result.error.message}`);
	if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${result.status})`);
}

function ensureChromium() {
	if (isExecutable(CHROMIUM_PATH)) {
		log(`${chromiumVersion(CHROMIUM_PATH) ?? 'Chromium'} is installed at ${CHROMIUM_PATH}`);
		return CHROMIUM_PATH;
	}
	if (typeof process.getuid === 'function' && process.getuid() !== 0) {
		throw new Error(
			`Chromium is missing at ${CHROMIUM_PATH} and installing it needs root. Run as root, or install it yourself:\n` +
				'  sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium\n' +
				'(or set CHROMIUM_PATH to a Chromium or Chrome binary you have)',
		);
	}
	log(`${CHROMIUM_PATH} is missing: installing Debian's chromium package (on a bare Debian 12: about 2 minutes, 210 MB to download)`);
	aptGet(['update']);
	aptGet(['install', '-y', '--no-install-recommends', 'chromium']);
	if (!isExecutable(CHROMIUM_PATH)) {
		throw new Error(`apt-get installed chromium, but ${CHROMIUM_PATH} is still missing (set CHROMIUM_PATH to where it is)`);
	}
	log(`installed ${chromiumVersion(CHROMIUM_PATH) ?? 'Chromium'} at ${CHROMIUM_PATH}`);
	return CHROMIUM_PATH;
}

module.exports = { CHROMIUM_PATH, ensureChromium };

if (require.main === module) {
	try {
		ensureChromium();
	} catch (error) {
		process.stderr.write(`[chromium] ${error.message}\n`);
		process.exit(1);
	}
}
