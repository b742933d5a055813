import type { Decision } from './decision';
import type { Principal } from './facts';
import { whenAdmin } from './gate';

/** List, suspend, reactivate, promote and delete users. */
export function canAdministerUsers(principal: Principal | null): Decision {
  return whenAdmin(
    principal,
    'Only admins may list, suspend, reactivate, promote and delete users',
  );
}

/** Read, change, roll back, import and export the dynamic configuration. */
export function canAdministerConfig(principal: Principal | null): Decision {
  return whenAdmin(principal, 'Only admins may read or change the dynamic configuration');
}

export function canReadReports(principal: Principal | null): Decision {
  return whenAdmin(principal, 'Only admins may create, read and delete reports');
}

export function canReadAudit(principal: Principal | null): Decision {
  return whenAdmin(principal, 'Only admins may read the audit trail');
}
