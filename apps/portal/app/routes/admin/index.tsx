import { redirect } from 'react-router';

/** /admin has no page of its own: it opens the first administration page, the users. */
export function loader() {
  throw redirect('/admin/users');
}
