/**
 * The README documents what the built node offers: every mode, every ready-made rule and every
 * top-level parameter an operator sees. A new parameter without documentation fails here.
 */
const fs = require('node:fs');
const path = require('node:path');
const { nodeTypes } = require('./harness');

const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
const { description } = nodeTypes.getByNameAndVersion('n8n-nodes-realtime-batch.latencyClassifier', 1);
const property = (name) => description.properties.find((candidate) => candidate.name === name);

test.each(property('mode').options.map((option) => option.name))('README documents the mode "%s"', (mode) => {
	expect(readme).toContain(`**${mode}**`);
});

test.each(property('readyMadeRules').options.map((option) => option.name.split(' → ')[0]))(
	'README lists the ready-made rule "%s"',
	(label) => {
		expect(readme).toContain(`| ${label} |`);
	},
);

const documented = (displayName) => readme.includes(`**${displayName}**`) || readme.includes(`*${displayName}*`);
test.each(description.properties.filter((p) => p.type !== 'notice' && p.type !== 'collection').map((p) => p.displayName))(
	'README documents the parameter "%s"',
	(displayName) => {
		expect(documented(displayName)).toBe(true);
	},
);

test.each(property('options').options.map((option) => option.displayName))('README documents the option "%s"', (displayName) => {
	expect(documented(displayName)).toBe(true);
});
