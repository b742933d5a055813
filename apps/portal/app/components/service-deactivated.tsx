import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';

import { serviceNames, useServiceActive, type Service } from '../utils/active-services';

/**
 * Says plainly that an administrator has deactivated a service; renders nothing while the
 * service is active, so a page can always include it above what it shows.
 */
export function ServiceDeactivated({ service }: { service: Service }) {
  const active = useServiceActive(service);
  if (active) return null;
  const name = serviceNames[service];
  return (
    <section
      role="status"
      aria-labelledby={`deactivated-${service}`}
      className="mb-6 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100"
    >
      <h2 id={`deactivated-${service}`} className="font-semibold">
        The {name} service is deactivated by an administrator
      </h2>
      <p className="mt-1 text-sm text-amber-800 dark:text-amber-200">
        What already exists stays readable, but nothing can be created, started, changed or deleted
        until an administrator activates {name} again.
      </p>
    </section>
  );
}

/**
 * A create page of a service: while the service is deactivated it shows why instead of a form
 * that could only fail, with a way back.
 */
export function onlyWhileActive<Props extends object>(
  service: Service,
  Page: (props: Props) => ReactNode,
): (props: Props) => ReactNode {
  function ActiveServicePage(props: Props) {
    const active = useServiceActive(service);
    const { project } = useParams();
    if (active) return <Page {...props} />;
    return (
      <div className="mx-auto max-w-2xl">
        <ServiceDeactivated service={service} />
        <Link
          to={project ? `/projects/${encodeURIComponent(project)}` : '/'}
          className="text-sm font-medium text-brand-700 underline dark:text-brand-100"
        >
          {project ? `Back to ${project}` : 'Back to the dashboard'}
        </Link>
      </div>
    );
  }
  return ActiveServicePage;
}
