import { useEffect, useRef } from 'react';

import { useRootData } from '../root';
import { trpc, type Outputs } from './trpc';

export type Service = keyof Outputs['system']['publicSettings']['services'];

/** How the portal names each service in a sentence ("The Training service is deactivated…"). */
export const serviceNames: Record<Service, string> = {
  notebooks: 'Notebooks',
  training: 'Training',
  tuning: 'Hyperparameter tuning',
  transform: 'Batch transform',
  models: 'Models',
  endpoints: 'Endpoints',
  datasets: 'Datasets',
  emr: 'EMR clusters',
  labeling: 'Ground Truth labeling',
  translate: 'Translate',
  bedrock: 'Bedrock',
};

/**
 * Which services an administrator has left active: the one answer every nav link, tab, create
 * button and page asks. It starts from the root loader's settings (so the first paint is right)
 * and refreshes when a page mounts a minute later, so a change shows without a full reload. When
 * the root loader runs again (after an administrator saves the configuration) its answer wins.
 */
export function useActiveServices(): Record<Service, boolean> {
  const { settings } = useRootData();
  const utils = trpc.useUtils();
  const current = trpc.system.publicSettings.useQuery(undefined, {
    initialData: settings,
    staleTime: 60_000,
  });
  const rootSettings = useRef(settings);
  useEffect(() => {
    if (rootSettings.current === settings) return;
    rootSettings.current = settings;
    utils.system.publicSettings.setData(undefined, settings);
  }, [settings, utils]);
  return current.data.services;
}

export function useServiceActive(service: Service): boolean {
  return useActiveServices()[service];
}
