/**
 * The published tarball holds what n8n loads and nothing else: the compiled nodes and credentials,
 * their icons and codex files, package.json, README and licence. No screenshots, build info, type
 * declarations, source maps or tests go to every n8n instance that installs the package.
 */
const fs = require('node:fs');
const path = require('node:path');
const { packedFiles, ROOT } = require('../../scripts/n8n/runtime');

const files = packedFiles();
const PACKAGE = require('../../package.json');

const SHIPPED = [
	/^package\.json$/,
	/^README\.md$/,
	/^LICENSE$/,
	/^dist\/(nodes|credentials)\/.+\.js$/,
	/^dist\/nodes\/[A-Za-z]+\/[A-Za-z]+\.node\.json$/,
	/^dist\/(nodes|credentials)\/.+\.svg$/,
];

test('every file in the tarball is one n8n loads, or package.json, README and licence', () => {
	expect(files.filter((file) => !SHIPPED.some((pattern) => pattern.test(file)))).toEqual([]);
	expect(files.filter((file) => /\.(map|d\.ts|tsbuildinfo|png|test\.[jt]s)$/.test(file))).toEqual([]);
});

test('every node and credential n8n is told about is in it, with its codex file and icons', () => {
	for (const file of [...PACKAGE.n8n.nodes, ...PACKAGE.n8n.credentials]) expect(files).toContain(file);
	for (const node of PACKAGE.n8n.nodes) expect(files).toContain(node.replace(/\.js$/, '.json'));
	const icons = [...PACKAGE.n8n.nodes, ...PACKAGE.n8n.credentials].flatMap((file) => {
		const source = fs.readFileSync(path.join(ROOT, file), 'utf8');
		return [...source.matchAll(/file:([\w./-]+\.svg)/g)].map((match) => path.posix.join(path.posix.dirname(file), match[1]));
	});
	expect(icons.length).toBeGreaterThanOrEqual(2 * (PACKAGE.n8n.nodes.length + PACKAGE.n8n.credentials.length));
	for (const icon of icons) expect(files).toContain(icon);
});

test('every module a shipped file requires is shipped too', () => {
	const shipped = new Set(files);
	const missing = [];
	let checked = 0;
	for (const file of files.filter((name) => name.endsWith('.js'))) {
		const source = fs.readFileSync(path.join(ROOT, file), 'utf8');
		for (const [, request] of source.matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) {
			checked++;
			const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), request));
			if (![resolved, `${resolved}.js`, `${resolved}/index.js`].some((candidate) => shipped.has(candidate))) missing.push(`${file} -> ${request}`);
		}
	}
	expect(checked).toBeGreaterThan(100);
	expect(missing).toEqual([]);
});
