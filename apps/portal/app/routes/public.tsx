import { Outlet } from 'react-router';

import { AppShell } from '../components/app-shell';
import { useRootData } from '../root';

/** Sign-in and the suspended notice: the header and banners, without navigation. */
export default function PublicFrame() {
  const { user, settings } = useRootData();
  return (
    <AppShell user={user} banner={settings.banner}>
      <Outlet />
    </AppShell>
  );
}
