/**
 * Jest for the mutation score (stryker.config.json): the unit tests only, over the engine-free core
 * in nodes/shared, compiled by ts-jest without type checks (a mutant need not type-check to be run).
 */
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/unit'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: { target: 'es2022', module: 'commonjs', esModuleInterop: true, strict: true }, diagnostics: false }],
	},
};
