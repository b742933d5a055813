export { createLocalClusters, type LocalClusters } from './backend';
