import { setupServer, type SetupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

import { assertAwsHandlersContractChecked } from '../contract/checked-handlers';
import { assertNoContractViolations } from '../contract/violations';

type Handlers = Parameters<typeof setupServer>;

// DynamoDB Local and s3rver run for real on loopback (docs/architecture.md, "Tests").
const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * msw for the calling test file: listening before its tests, back to `handlers` after each test,
 * closed after the last. A request no handler answers fails the test, as msw's 'error' strategy
 * does, unless it goes to a local service on loopback. A request or answer that AWS's service
 * models do not allow, met by any fake during a test, fails that test, and a handler for an AWS
 * host that does not check them is refused (ADR 014).
 */
export function mockHttp(...handlers: Handlers): SetupServer {
  assertAwsHandlersContractChecked(handlers);
  const server = setupServer(...handlers);
  const use = server.use.bind(server);
  server.use = (...added) => {
    assertAwsHandlersContractChecked(added);
    use(...added);
  };
  beforeAll(() =>
    server.listen({
      onUnhandledRequest: (request, print) => {
        if (!loopbackHosts.has(new URL(request.url).hostname)) print.error();
      },
    }),
  );
  afterEach(() => {
    server.resetHandlers();
    assertNoContractViolations();
  });
  afterAll(() => server.close());
  return server;
}
