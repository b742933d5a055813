import { Suspense, lazy, type ComponentProps } from 'react';

// Sections below the fold of a detail page, loaded after the page's own code so its first-load
// JavaScript stays within budget. The server renders them in the same response (streamed), so
// the HTML still holds their content; nothing stands in while they load.
const LazyOutputFiles = lazy(() =>
  import('./output-files').then((module) => ({ default: module.OutputFiles })),
);
const LazyMetricChart = lazy(() =>
  import('../ml/metric-chart').then((module) => ({ default: module.MetricChart })),
);

export function OutputFiles(props: ComponentProps<typeof LazyOutputFiles>) {
  return (
    <Suspense fallback={null}>
      <LazyOutputFiles {...props} />
    </Suspense>
  );
}

export function MetricChart(props: ComponentProps<typeof LazyMetricChart>) {
  return (
    <Suspense fallback={null}>
      <LazyMetricChart {...props} />
    </Suspense>
  );
}
