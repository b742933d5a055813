import { serviceModel, type ModelledService } from './service-models';

/**
 * restJson1 (SageMaker Runtime) carries members in the URI, in headers and as the payload, as the
 * model's http traits bind them: these gather them back into the operation's structure.
 */
export interface RestMessage {
  labels?: Record<string, string>;
  headers: Headers;
  payload: string;
}

export function decodeRestMessage(
  service: ModelledService,
  operation: string,
  direction: 'input' | 'output',
  message: RestMessage,
): Record<string, unknown> {
  const model = serviceModel(service);
  const shapeName = model.operations[operation]?.[direction];
  const members = (shapeName && model.shapes[shapeName]?.members) || {};
  const value: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(members)) {
    if (member.httpLabel) value[name] = message.labels?.[name];
    else if (member.httpHeader) value[name] = message.headers.get(member.httpHeader) ?? undefined;
    else if (member.httpPayload) value[name] = message.payload;
  }
  return value;
}
