/**
 * Formats the recorded reliability figures (see figures.js) as one summary: a section per kind of
 * figure, in a fixed order, with "not measured in this run" for a known section nobody recorded.
 */
'use strict';

const KNOWN_SECTIONS = ['Latency Classifier fuzz', 'Alert machine fuzz', 'Bad input', 'Restarts', 'Worker kill'];

function text(value) {
	if (typeof value === 'number') return Number.isInteger(value) ? value.toLocaleString('en-US') : String(value);
	return String(value);
}

function table(header, rows, markdown) {
	if (markdown) {
		const line = (cells) => `| ${cells.join(' | ')} |`;
		return [line(header), line(header.map(() => '---')), ...rows.map(line)];
	}
	const widths = header.map((cell, index) => Math.max(cell.length, ...rows.map((row) => row[index].length)));
	const line = (cells) =>
		cells
			.map((cell, index) => cell.padEnd(widths[index]))
			.join('  ')
			.trimEnd();
	return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)];
}

function figureLines({ name, figures }, markdown) {
	return [
		markdown ? `**${name}**` : name,
		...(markdown ? [''] : []),
		...table(
			['figure', 'value'],
			Object.entries(figures).map(([label, value]) => [label, text(value)]),
			markdown,
		),
	];
}

const sameLabels = (rows) => rows.every(({ figures }) => Object.keys(figures).join('\n') === Object.keys(rows[0].figures).join('\n'));

/**
 * One section: rows that share their figures as one table; a row alone, or rows with figures of
 * their own (different scenarios), each as figure / value lines.
 */
function formatSection(rows, markdown) {
	if (rows.length === 1 || !sameLabels(rows)) {
		return rows.flatMap((row, index) => [...(index > 0 ? [''] : []), ...figureLines(row, markdown)]);
	}
	const labels = [];
	for (const { figures } of rows) for (const label of Object.keys(figures)) if (!labels.includes(label)) labels.push(label);
	return table(
		['', ...labels],
		rows.map(({ name, figures }) => [name, ...labels.map((label) => (label in figures ? text(figures[label]) : '-'))]),
		markdown,
	);
}

/**
 * @param {{section: string, name: string, figures: object}[]} rows as figures.readAll() gives them
 * @param {{markdown?: boolean}} [options] markdown tables (for the README) instead of plain text
 */
function formatSummary(rows, { markdown = false } = {}) {
	const sections = [...KNOWN_SECTIONS];
	for (const { section } of rows) if (!sections.includes(section)) sections.push(section);
	const lines = [markdown ? '## Reliability figures' : 'Reliability figures', ''];
	for (const section of sections) {
		const inSection = rows.filter((row) => row.section === section);
		lines.push(markdown ? `### ${section}` : `${section}`);
		if (!markdown) lines.push('='.repeat(section.length));
		if (markdown) lines.push('');
		lines.push(...(inSection.length === 0 ? ['not measured in this run'] : formatSection(inSection, markdown)), '');
	}
	return `${lines.join('\n')}\n`;
}

module.exports = { formatSummary, KNOWN_SECTIONS };
