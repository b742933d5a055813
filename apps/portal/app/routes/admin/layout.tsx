import { Outlet, data, isRouteErrorResponse, useRouteError } from 'react-router';

import type { Route } from './+types/layout';
import { crumb } from '../../components/breadcrumbs';
import { ErrorMessage } from '../../components/error-boundary';
import { NotAllowed } from '../../components/not-allowed';
import { activeUser } from '../../utils/caller.server';

/** Every administration page refuses non-administrators here, once, before it loads anything. */
export function loader({ context }: Route.LoaderArgs) {
  if (!activeUser(context).isAdmin) {
    throw data('Only administrators may open the administration pages.', { status: 403 });
  }
  return null;
}

export const handle = crumb(() => ({ label: 'Administration', to: '/admin/users' }));

export default function AdminLayout() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 403) {
    return (
      <NotAllowed
        title="Administrators only"
        message={typeof error.data === 'string' ? error.data : 'You may not see this page.'}
      />
    );
  }
  return <ErrorMessage />;
}
