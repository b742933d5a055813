import type { Decision } from './decision';
import { allow, deny } from './decision';
import type { Principal, ResourceFacts } from './facts';
import { whenActive } from './gate';
import { notAMember, projectSuspended, resourceKindLabels } from './reasons';

/**
 * Learn where a cluster takes work (its Dask scheduler or Livy endpoint). Whoever has the address
 * can run code on the project's cluster, so only the project's members may, admins included, and
 * not while the project is suspended.
 */
export function canConnectToCluster(principal: Principal | null, cluster: ResourceFacts): Decision {
  return whenActive(principal, (user) => {
    if (cluster.kind !== 'emrCluster')
      return deny(`A ${resourceKindLabels[cluster.kind]} is not a cluster`);
    if (cluster.project.role === null)
      return deny(
        user.isAdmin
          ? `Admins too must be members of project '${cluster.project.name}' to connect to its clusters`
          : notAMember(cluster.project),
      );
    if (cluster.project.suspended) return deny(projectSuspended(cluster.project));
    return allow;
  });
}
