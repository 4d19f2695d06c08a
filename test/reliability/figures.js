/**
 * Reliability figures: tests record what they measured, and one summary prints them all at the end
 * of the run (test/reliability/reporter.js, in `npm test` and `npm run reliability`).
 *
 *   const { record } = require('../reliability/figures');
 *   record('Restarts', 'n8n killed during a batch run', { runs: 20, 'items lost': 0, 'items twice': 0 });
 *
 * record(section, name, figures)
 *   section  the summary section: 'Latency Classifier fuzz', 'Alert machine fuzz', 'Bad input', 'Restarts', 'Worker kill', or a
 *            new one (printed after those)
 *   name     one row of the section (a node, a scenario)
 *   figures  { label: value }, in the order to print; values are numbers or short texts
 *   Recording the same section and name again replaces the row. Call it from a test (or afterAll):
 *   each test file writes its own JSON file under reports/reliability/ (git-ignored), so parallel Jest
 *   workers never write the same file.
 *
 * readAll()  every recorded row: [{ section, name, figures, testFile }]
 * clear()    removes the recorded files (the reporter does this when a run starts)
 *
 * Plain JavaScript on purpose: it needs fs, which n8n's lint forbids in TypeScript files.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const REPORTS_DIR = path.resolve(__dirname, '..', '..', 'reports', 'reliability');

/** The test file calling, from Jest's state; a fixed name outside Jest. */
function currentTestFile() {
	const state = typeof expect === 'function' && typeof expect.getState === 'function' ? expect.getState() : undefined;
	return state?.testPath ?? 'outside-jest';
}

function fileFor(testFile) {
	const relative = path.relative(path.resolve(__dirname, '..', '..'), testFile);
	return path.join(REPORTS_DIR, `${relative.replace(/[^A-Za-z0-9.-]+/g, '_')}.json`);
}

function record(section, name, figures) {
	if (typeof section !== 'string' || typeof name !== 'string' || figures === null || typeof figures !== 'object') {
		throw new TypeError('record(section, name, figures) takes two texts and an object of figures');
	}
	const testFile = currentTestFile();
	const file = fileFor(testFile);
	fs.mkdirSync(REPORTS_DIR, { recursive: true });
	const rows = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')).rows : [];
	const row = { section, name, figures, testFile: path.relative(path.resolve(__dirname, '..', '..'), testFile) };
	const existing = rows.findIndex((other) => other.section === section && other.name === name);
	if (existing === -1) rows.push(row);
	else rows[existing] = row;
	const temporary = `${file}.${process.pid}.tmp`;
	fs.writeFileSync(temporary, `${JSON.stringify({ rows }, null, '\t')}\n`);
	fs.renameSync(temporary, file);
}

function readAll() {
	if (!fs.existsSync(REPORTS_DIR)) return [];
	const rows = [];
	for (const entry of fs.readdirSync(REPORTS_DIR).sort()) {
		if (!entry.endsWith('.json')) continue;
		try {
			rows.push(...JSON.parse(fs.readFileSync(path.join(REPORTS_DIR, entry), 'utf8')).rows);
		} catch {
			// a file being written by a run that is still going: skip it
		}
	}
	return rows;
}

function clear() {
	fs.rmSync(REPORTS_DIR, { recursive: true, force: true });
}

module.exports = { record, readAll, clear, REPORTS_DIR };
