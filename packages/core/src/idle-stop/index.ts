export * from './rules';
export * from './lifecycle-script';
