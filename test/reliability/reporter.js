/**
 * A Jest reporter that clears the reliability figures of earlier runs when a run starts, and prints
 * the figures this run recorded (figures.js) when it ends. Listed before 'default' in
 * jest.config.js, so Jest's own summary still comes last.
 */
'use strict';

const { clear, readAll } = require('./figures');
const { formatSummary } = require('./summary');

class ReliabilityReporter {
	onRunStart() {
		clear();
	}

	onRunComplete() {
		let rows;
		try {
			rows = readAll();
		} catch (error) {
			process.stderr.write(`Reliability figures could not be read: ${error.message}\n`);
			return;
		}
		if (rows.length === 0) {
			process.stderr.write('\nReliability figures: none recorded in this run (npm run reliability records them).\n\n');
			return;
		}
		process.stderr.write(`\n${formatSummary(rows)}\n`);
	}
}

module.exports = ReliabilityReporter;
