import {
  serviceModel,
  type Bounds,
  type Constraints,
  type ModelledService,
  type ServiceModel,
  type ShapeModel,
} from './service-models';

/** One way a request or answer departs from the service model: where, and which rule. */
export interface Violation {
  path: string;
  rule: string;
}

/**
 * How scalars travel: awsJson sends timestamps as epoch seconds and numbers as numbers; the query
 * protocol's form parameters and XML carry ISO 8601 timestamps (decoded to typed values first).
 */
export type Encoding = 'json' | 'query';

/**
 * Errors every AWS service may answer without its model listing them (AWS's "common errors"):
 * a fake may answer them for any operation.
 */
const commonErrors = new Set([
  'AccessDeniedException',
  'IncompleteSignature',
  'InternalFailure',
  'InvalidAction',
  'InvalidClientTokenId',
  'NotAuthorized',
  'OptInRequired',
  'RequestExpired',
  'ServiceUnavailable',
  'ThrottlingException',
  'Throttling',
  'ValidationError',
  'ValidationException',
]);

/**
 * Checks `body` against the input or output shape of `operation` in `service`'s model: unknown and
 * missing required members, types, enums, patterns, lengths and ranges, member paths as
 * `Outer.List[0].Key`. An operation the model lacks is itself a violation (the extraction script
 * was not run after the code began calling it).
 */
export function validate(
  service: ModelledService,
  operation: string,
  direction: 'input' | 'output',
  body: unknown,
  encoding: Encoding = 'json',
): Violation[] {
  const model = serviceModel(service);
  const found = model.operations[operation];
  if (!found) return [missingOperation(service, operation)];
  const violations: Violation[] = [];
  checkShape(model, found[direction], body, '', {}, encoding, violations);
  return violations;
}

/** An error code the fake answers must be one the operation can return, or a common error. */
export function validateErrorCode(
  service: ModelledService,
  operation: string,
  code: string,
): Violation[] {
  const found = serviceModel(service).operations[operation];
  if (!found) return [missingOperation(service, operation)];
  if (found.errors.includes(code) || commonErrors.has(code)) return [];
  return [
    {
      path: '(error)',
      rule: `${code} is not an error ${operation} returns (it returns ${[...found.errors, 'the common errors'].join(', ')})`,
    },
  ];
}

export function formatViolations(
  service: string,
  operation: string,
  direction: string,
  violations: Violation[],
): string {
  return violations
    .map((v) => `${service} ${operation} ${direction}: ${v.path || '(body)'}: ${v.rule}`)
    .join('\n');
}

function missingOperation(service: string, operation: string): Violation {
  return {
    path: '(operation)',
    rule: `${service} ${operation} is not in the contract models; run tooling/scripts/extract-service-shapes.mjs`,
  };
}

const integerTypes = new Set(['byte', 'short', 'integer', 'long', 'intEnum', 'bigInteger']);
const numberTypes = new Set(['float', 'double', 'bigDecimal']);

function checkShape(
  model: ServiceModel,
  shapeName: string,
  value: unknown,
  path: string,
  memberConstraints: Constraints,
  encoding: Encoding,
  violations: Violation[],
): void {
  const shape = model.shapes[shapeName];
  const fail = (rule: string): void => {
    violations.push({ path, rule });
  };
  if (!shape) return fail(`the model has no shape ${shapeName}`);
  if (value === null) return fail(`is null (${shapeName} is a ${shape.type})`);
  // A member's own constraints narrow its target's; an absent one leaves the target's in force.
  const constraints: Constraints = {
    length: memberConstraints.length ?? shape.length,
    range: memberConstraints.range ?? shape.range,
    pattern: memberConstraints.pattern ?? shape.pattern,
  };
  switch (shape.type) {
    case 'structure':
    case 'union':
      return checkStructure(model, shapeName, shape, value, path, encoding, violations);
    case 'list':
    case 'set': {
      if (!Array.isArray(value)) return fail(`must be a list of ${shape.member}`);
      checkBounds(value.length, constraints.length, 'items', fail);
      value.forEach((item, index) => {
        if (item === null && shape.sparse) return;
        checkShape(model, shape.member ?? '', item, `${path}[${index}]`, {}, encoding, violations);
      });
      return;
    }
    case 'map': {
      if (!isRecord(value)) return fail(`must be a map of ${shape.key} to ${shape.value}`);
      const entries = Object.entries(value);
      checkBounds(entries.length, constraints.length, 'entries', fail);
      for (const [key, item] of entries) {
        const at = `${path}[${JSON.stringify(key)}]`;
        checkShape(model, shape.key ?? '', key, `${at} (key)`, {}, encoding, violations);
        if (item !== null || !shape.sparse)
          checkShape(model, shape.value ?? '', item, at, {}, encoding, violations);
      }
      return;
    }
    case 'string':
    case 'enum': {
      if (typeof value !== 'string') return fail(`must be a string (${shapeName})`);
      if (shape.enum && !shape.enum.includes(value))
        return fail(`${JSON.stringify(value)} is not one of ${shapeName}'s values`);
      checkBounds([...value].length, constraints.length, 'characters', fail);
      if (constraints.pattern && !compiled(constraints.pattern).test(value))
        fail(
          `${JSON.stringify(value)} does not match ${shapeName}'s pattern ${constraints.pattern}`,
        );
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean') fail(`must be a boolean (${shapeName})`);
      return;
    case 'timestamp':
      if (encoding === 'json' ? typeof value !== 'number' : !isIsoDateTime(value))
        fail(
          encoding === 'json'
            ? 'must be a timestamp in epoch seconds (a number), as awsJson sends it'
            : 'must be an ISO 8601 date-time',
        );
      return;
    case 'blob':
      if (typeof value !== 'string' && !(value instanceof Uint8Array)) fail('must be a blob');
      return;
    case 'document':
      return;
    default: {
      if (typeof value !== 'number' || !Number.isFinite(value))
        return fail(`must be a number (${shapeName})`);
      if (integerTypes.has(shape.type) && !Number.isInteger(value))
        return fail(`${value} is not a whole number (${shapeName})`);
      if (!integerTypes.has(shape.type) && !numberTypes.has(shape.type))
        return fail(`the validator does not know ${shape.type} shapes`);
      if (shape.enum && !shape.enum.includes(value))
        return fail(`${value} is not one of ${shapeName}'s values`);
      checkBounds(value, constraints.range, '', fail);
    }
  }
}

function checkStructure(
  model: ServiceModel,
  shapeName: string,
  shape: ShapeModel,
  value: unknown,
  path: string,
  encoding: Encoding,
  violations: Violation[],
): void {
  if (!isRecord(value)) {
    violations.push({ path, rule: `must be a structure (${shapeName})` });
    return;
  }
  const members = shape.members ?? {};
  const at = (name: string) => (path ? `${path}.${name}` : name);
  const present = Object.keys(value).filter((name) => value[name] !== undefined);
  for (const name of present) {
    const member = members[name];
    if (!member) {
      violations.push({ path: at(name), rule: `is not a member of ${shapeName}` });
      continue;
    }
    const { target, length, range, pattern } = member;
    checkShape(
      model,
      target,
      value[name],
      at(name),
      { length, range, pattern },
      encoding,
      violations,
    );
  }
  if (shape.type === 'union') {
    if (present.length !== 1)
      violations.push({ path, rule: `a ${shapeName} union sets exactly one member` });
    return;
  }
  for (const [name, member] of Object.entries(members)) {
    if (member.required && value[name] === undefined)
      violations.push({ path: at(name), rule: `is required in ${shapeName} and missing` });
  }
}

function checkBounds(
  measured: number,
  bounds: Bounds | undefined,
  unit: string,
  fail: (rule: string) => void,
): void {
  if (!bounds) return;
  const [min, max] = bounds;
  const what = unit ? `has ${measured} ${unit}` : `is ${measured}`;
  if (min !== null && measured < min) fail(`${what}; the least allowed is ${min}`);
  if (max !== null && measured > max) fail(`${what}; the most allowed is ${max}`);
}

const patterns = new Map<string, RegExp>();
/** Smithy patterns are ECMA 262 regular expressions, not implicitly anchored. */
function compiled(pattern: string): RegExp {
  let regex = patterns.get(pattern);
  if (!regex) {
    try {
      regex = new RegExp(pattern, 'u');
    } catch {
      regex = new RegExp(pattern);
    }
    patterns.set(pattern, regex);
  }
  return regex;
}

function isIsoDateTime(value: unknown): boolean {
  return (
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
    !Number.isNaN(Date.parse(value))
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
