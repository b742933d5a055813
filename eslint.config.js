export { default } from '@mlspace/eslint-config';
