/**
 * The msw handlers that check AWS's service models: those built by awsJsonService,
 * awsQueryService and the runtime fake. mockHttp refuses any other handler for an AWS host, so no
 * test answers AWS without the contract check (ADR 014).
 */
const checked = new WeakSet<object>();

export function contractChecked<Handler extends object>(handler: Handler): Handler {
  checked.add(handler);
  return handler;
}

/** Throws for a handler of an `amazonaws.com` URL that was not built to check the contract. */
export function assertAwsHandlersContractChecked(handlers: readonly object[]): void {
  for (const handler of handlers) {
    const info = (handler as { info?: { header?: unknown } }).info;
    const header = typeof info?.header === 'string' ? info.header : '';
    if (header.includes('amazonaws.com') && !checked.has(handler))
      throw new Error(
        `The msw handler "${header}" answers AWS without the contract check: build it with awsJsonService, awsQueryService or a fake of @mlspace/testing (ADR 014)`,
      );
  }
}
