/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Both cores: jest's default (cores - 1) runs the suites one after the other on a 2-core machine.
  maxWorkers: 2,
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
