/**
 * `npm start` and `npm test` install first on a fresh clone (scripts/ensureInstalled.js), and the
 * README's quick start shows just those two commands.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { installNeeded } = require('../../scripts/ensureInstalled');
const packageJson = require('../../package.json');

describe('install before start and test', () => {
	let root;
	beforeEach(() => {
		root = fs.mkdtempSync(path.join(os.tmpdir(), 'ensure-installed-'));
		fs.writeFileSync(path.join(root, 'package-lock.json'), '{}');
	});
	afterEach(() => fs.rmSync(root, { recursive: true, force: true }));
	const installedAt = (seconds) => {
		fs.mkdirSync(path.join(root, 'node_modules'), { recursive: true });
		const marker = path.join(root, 'node_modules', '.package-lock.json');
		fs.writeFileSync(marker, '{}');
		const lockedAt = 1_780_000_000;
		fs.utimesSync(path.join(root, 'package-lock.json'), lockedAt, lockedAt);
		fs.utimesSync(marker, lockedAt + seconds, lockedAt + seconds);
	};

	it('a fresh clone (no node_modules) and a half-finished install (no marker) install', () => {
		expect(installNeeded(root)).toBe('node_modules is missing');
		fs.mkdirSync(path.join(root, 'node_modules'));
		expect(installNeeded(root)).toBe('node_modules is missing');
	});

	it('a lock file newer than the install installs again; one as old or older does not', () => {
		installedAt(-1);
		expect(installNeeded(root)).toBe('package-lock.json is newer than node_modules');
		installedAt(0);
		expect(installNeeded(root)).toBeUndefined();
		installedAt(60);
		expect(installNeeded(root)).toBeUndefined();
	});

	it('this checkout is installed, and both commands install first', () => {
		expect(installNeeded()).toBeUndefined();
		expect(packageJson.scripts.pretest).toBe('node scripts/ensureInstalled.js');
		expect(packageJson.scripts.prestart).toBe('node scripts/ensureInstalled.js');
	});

	it('the README quick start shows exactly npm start and npm test', () => {
		const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
		const quickStart = readme.split('## Quick start')[1].split('\n## ')[0];
		const commands = [...quickStart.matchAll(/```bash\n([\s\S]*?)```/g)].flatMap((block) =>
			block[1]
				.split('\n')
				.map((line) => line.replace(/#.*/, '').trim())
				.filter(Boolean),
		);
		expect(commands).toEqual(['npm start', 'npm test']);
	});
});
