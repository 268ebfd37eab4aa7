/** Jest in ESM mode: ts-jest compiles TypeScript to ES modules. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1'
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }]
  },
  testMatch: ['**/__tests__/**/*.test.ts', '**/__tests__/**/*.test.mjs'],
  testTimeout: 60000,
  collectCoverageFrom: ['src/**/*.ts']
}
