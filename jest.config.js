/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts', '**/*.test.js'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: { target: 'es2022', module: 'commonjs', esModuleInterop: true, strict: true } }],
	},
	testTimeout: 60_000,
};
