/**
 * Jest runs the TypeScript sources as ES modules (see docs/development.md). ts-jest only
 * transpiles (isolatedModules): `npm test` type-checks sources and tests once with tsc first.
 */
export default {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', isolatedModules: true }],
  },
  testTimeout: 60000,
};
