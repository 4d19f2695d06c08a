/**
 * The README documents what the built nodes offer: every mode, every ready-made rule and every
 * parameter and option an operator sees. A new parameter without documentation fails here.
 */
const fs = require('node:fs');
const path = require('node:path');
const { nodeTypes } = require('./harness');

const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
const packageJson = require('../../package.json');
const descriptionOf = (name) => nodeTypes.getByNameAndVersion(`n8n-nodes-realtime-batch.${name}`, 1).description;
const documented = (displayName) => readme.includes(`**${displayName}**`) || readme.includes(`*${displayName}*`);

const classifier = descriptionOf('latencyClassifier');
const property = (name) => classifier.properties.find((candidate) => candidate.name === name);

test.each(property('mode').options.map((option) => option.name))('README documents the mode "%s"', (mode) => {
	expect(readme).toContain(`**${mode}**`);
});

// Each version has its own list of ready-made rules; a rule added in a version says so.
const readyMadeLists = classifier.properties.filter((candidate) => candidate.name === 'readyMadeRules');
test('each version of the Latency Classifier has its own list of ready-made rules', () => {
	expect(readyMadeLists.map((list) => list.displayOptions.show['@version'])).toEqual([[1], [{ _cnd: { gte: 2 } }]]);
});
test.each([...new Set(readyMadeLists.flatMap((list) => list.options.map((option) => option.name.split(' → ')[0])))])(
	'README lists the ready-made rule "%s"',
	(label) => {
		const inVersion1 = readyMadeLists[0].options.some((option) => option.name.startsWith(`${label} → `));
		expect(readme).toContain(inVersion1 ? `| ${label} |` : `| ${label} (version 2) |`);
	},
);

const nodeNames = packageJson.n8n.nodes.map((file) => {
	const className = path.basename(file, '.node.js');
	return className[0].toLowerCase() + className.slice(1);
});
const parameters = nodeNames.flatMap((name) => {
	const { displayName, properties } = descriptionOf(name);
	// A notice is text on the canvas, not a parameter to set.
	return properties
		.filter((parameter) => parameter.type !== 'notice')
		.flatMap((parameter) =>
			parameter.type === 'collection'
				? parameter.options.map((option) => [displayName, `${parameter.displayName} → ${option.displayName}`, option.displayName])
				: [[displayName, parameter.displayName, parameter.displayName]],
		);
});

test.each(parameters)('README documents %s › %s', (_node, _label, displayName) => {
	expect(documented(displayName)).toBe(true);
});

test.each(nodeNames.map((name) => descriptionOf(name).displayName))('README has a section on the %s', (displayName) => {
	expect(readme).toMatch(new RegExp(`^###? .*${displayName}`, 'm'));
});
