// Test-only helpers (the @mlspace/db/testing subpath): never imported by product code.
export * from './test-table';
