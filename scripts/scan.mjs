/**
 * n8n's own static analyser for community packages (@n8n/scan-community-package, pinned), run as
 * n8n runs it: on the source files it names, and on the package as published (the tarball npm pack
 * makes, unpacked), with inline ESLint directives ignored. Any violation fails. Needs dist/ (npm run build).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function unpackedTarball() {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'scan-package-'));
	const [packed] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--loglevel=error', '--pack-destination', folder], { cwd: ROOT, encoding: 'utf8' }),
	);
	execFileSync('tar', ['xzf', path.join(folder, packed.filename), '-C', folder]);
	return { folder, packageDir: path.join(folder, 'package') };
}

const { folder, packageDir } = unpackedTarball();
const legs = [
	['source', await analyzePackage(ROOT, SOURCE_FILE_PATTERNS)],
	['tarball', await analyzePackage(packageDir)],
];
fs.rmSync(folder, { recursive: true, force: true });
let failed = false;
for (const [leg, result] of legs) {
	process.stdout.write(`[scan] ${leg}: ${result.passed ? 'passed' : `FAILED: ${result.message}`}\n`);
	if (!result.passed) {
		failed = true;
		if (result.details) process.stdout.write(`${result.details}\n`);
	}
}
process.exit(failed ? 1 : 0);
