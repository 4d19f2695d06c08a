/**
 * Jest for the mutation score (stryker.config.json): the unit tests only, over the engine-free core
 * in nodes/shared, compiled by ts-jest without type checks (a mutant need not type-check to be run).
 */
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	// The core is a root too: Stryker asks Jest for the tests related to a mutated file, and Jest
	// follows imports only through files it has mapped, so a module reached through another one
	// (alertField.ts through evaluate.ts) would otherwise have no tests and every mutant "survive".
	roots: ['<rootDir>/test/unit', '<rootDir>/nodes/shared'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: { target: 'es2022', module: 'commonjs', esModuleInterop: true, strict: true }, diagnostics: false }],
	},
};
