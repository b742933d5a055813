export {
  awsClusterBackend,
  clusterStatusOfState,
  createEmrClusterBackend,
  describeEmrCluster,
  runJobFlowInput,
  type EmrClusterSettings,
} from './backend';
