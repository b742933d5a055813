import type { HttpHandler } from 'msw';

import { awsJsonService, type AwsJsonOperation } from './aws-json';
import { cloudWatchLogsUrl } from './sagemaker';

/** CloudWatch Logs FilterLogEvents over fixed events, paged two at a time with nextToken. */
export function fakeCloudWatchLogs(
  events: { logStreamName: string; timestamp: number; message: string }[],
) {
  const operations: Record<string, AwsJsonOperation> = {
    FilterLogEvents: (body) => {
      const prefix = typeof body.logStreamNamePrefix === 'string' ? body.logStreamNamePrefix : '';
      const start = Number(body.startTime ?? 0);
      const matching = events.filter(
        (event) => event.logStreamName.startsWith(prefix) && event.timestamp >= start,
      );
      const offset = Number(body.nextToken ?? 0);
      const page = matching.slice(offset, offset + 2);
      const next = offset + 2 < matching.length ? String(offset + 2) : undefined;
      return {
        events: page.map((event, index) => ({ ...event, eventId: String(offset + index) })),
        ...(next ? { nextToken: next } : {}),
      };
    },
  };
  return Object.assign((): HttpHandler => awsJsonService(cloudWatchLogsUrl, operations), {
    operations,
  });
}
