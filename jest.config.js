/**
 * One suite, one worker: integration tests share one Neo4j (Community has a single user database)
 * and each test file starts from an empty graph, so files must not run at the same time.
 * tests/support/test-database.ts enforces this.
 */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  roots: ['<rootDir>/src', '<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  setupFiles: ['reflect-metadata'],
  globalSetup: '<rootDir>/tests/setup/global-setup.ts',
  globalTeardown: '<rootDir>/tests/setup/global-teardown.ts',
  maxWorkers: 1,
  reporters: ['default', '<rootDir>/tests/support/summary-reporter.js'],
  testTimeout: 60_000,
};
