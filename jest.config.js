/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts', '**/*.test.js'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: { target: 'es2022', module: 'commonjs', esModuleInterop: true, strict: true } }],
		// n8n's Slack node reaches ES-module-only packages (sanitize-html -> htmlparser2 12) that Node
		// loads natively but Jest's CommonJS loader cannot: TypeScript turns them into CommonJS.
		'/node_modules/sanitize-html/node_modules/.+\\.js$': [
			'ts-jest',
			{ tsconfig: { allowJs: true, target: 'es2022', module: 'commonjs', esModuleInterop: true }, diagnostics: false },
		],
	},
	transformIgnorePatterns: ['/node_modules/(?!(sanitize-html/node_modules/|htmlparser2/|domhandler/|domutils/|entities/|dom-serializer/|domelementtype/))'],
	testTimeout: 60_000,
	// Prints the reliability figures tests recorded (test/reliability/figures.js), before Jest's own summary.
	reporters: ['<rootDir>/test/reliability/reporter.js', 'default'],
};
