/**
 * Every fixture in fixtures/ is a workflow, its pinned input, the moment it runs, and the expected
 * output of each node. Each one runs through n8n's real engine with the built package.
 */
const fs = require('node:fs');
const path = require('node:path');
const { runWorkflow } = require('./harness');

const FIXTURES = path.join(__dirname, 'fixtures');
const files = fs.readdirSync(FIXTURES).filter((file) => file.endsWith('.json'));

test('fixtures exist', () => {
	expect(files.length).toBeGreaterThan(0);
});

describe.each(files)('%s', (file) => {
	const fixture = JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8'));

	it(fixture.description, async () => {
		const result = await runWorkflow({ workflow: fixture.workflow, pinData: fixture.pinData, at: fixture.at });
		expect(result.error).toBeUndefined();
		for (const [nodeName, outputs] of Object.entries(fixture.expected)) {
			expect({ node: nodeName, outputs: result.jsonOutputsOf(nodeName) }).toEqual({ node: nodeName, outputs });
		}
	});
});
