/**
 * A small evaluator of IAM identity policies in AWS's JSON form, for tests that ask what a role
 * may do: explicit Deny wins, otherwise an Allow is needed in the identity policies and, when
 * the role has one, in its permissions boundary ("Policy evaluation logic", IAM User Guide).
 *
 * It knows Action/NotAction and Resource/NotResource with `*` and `?` wildcards, and the
 * condition operators MLSpace's policies use: String(Not)Equals, String(Not)Like, Arn(Not)Like,
 * ArnEquals, Bool and Null, the `IfExists` suffix and the `ForAllValues:`/`ForAnyValue:` set
 * qualifiers, and policy variables (`${aws:PrincipalTag/project}`) in resources and condition
 * values, read from the request's context; a variable the context lacks matches nothing.
 * Any other operator throws, so a policy cannot pass a test by using one it ignores.
 * (@cloud-copilot/iam-simulate evaluates the full language, but it is AGPL-3.0; see ADR 008.)
 */

export interface PolicyDocument {
  Version?: string;
  Statement: PolicyStatementJson[];
}

export interface PolicyStatementJson {
  Sid?: string;
  Effect: string;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** Condition keys of the request; multi-valued keys (aws:TagKeys, sagemaker:InstanceTypes) as arrays. */
export type RequestContext = Record<string, string | readonly string[]>;

export interface SimulatedRequest {
  action: string;
  resource: string;
  context?: RequestContext;
}

export interface SimulatedPrincipal {
  policies: readonly PolicyDocument[];
  boundary?: PolicyDocument;
}

export type Decision = 'allowed' | 'denied';

/** The value with its policy variables replaced from the context, or null when one is missing. */
function substitute(value: string, context: RequestContext): string | null {
  let missing = false;
  const replaced = value.replace(/\$\{([^}]+)\}/g, (_, key: string) => {
    const found = context[key];
    if (typeof found !== 'string') missing = true;
    return typeof found === 'string' ? found : '';
  });
  return missing ? null : replaced;
}

const resolved = (values: readonly string[], context: RequestContext) =>
  values.map((value) => substitute(value, context)).filter((value) => value !== null);

const asList = (value: string | readonly string[] | undefined): readonly string[] =>
  value === undefined ? [] : typeof value === 'string' ? [value] : value;

function wildcard(pattern: string, caseInsensitive: boolean): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, caseInsensitive ? 'i' : '');
}

const matchesAny = (patterns: readonly string[], value: string, caseInsensitive = false) =>
  patterns.some((pattern) => wildcard(pattern, caseInsensitive).test(value));

function compare(operator: string, policyValue: string, actual: string): boolean {
  switch (operator) {
    case 'StringEquals':
    case 'ArnEquals':
      return policyValue === actual;
    case 'StringLike':
    case 'ArnLike':
      return wildcard(policyValue, false).test(actual);
    case 'Bool':
      return policyValue.toLowerCase() === actual.toLowerCase();
    default:
      throw new Error(`The IAM evaluator does not know the condition operator ${operator}`);
  }
}

/** One operator and key of a Condition block (all of a block's entries must hold). */
function conditionHolds(
  qualifiedOperator: string,
  key: string,
  policyValues: readonly string[],
  context: RequestContext,
): boolean {
  const actual = asList(context[key]);
  if (qualifiedOperator === 'Null') return policyValues[0] === String(actual.length === 0);
  const [setQualifier, operatorWithSuffix] = qualifiedOperator.includes(':')
    ? (qualifiedOperator.split(':') as [string, string])
    : [undefined, qualifiedOperator];
  if (setQualifier && setQualifier !== 'ForAllValues' && setQualifier !== 'ForAnyValue')
    throw new Error(`The IAM evaluator does not know the set qualifier ${setQualifier}`);
  const ifExists = operatorWithSuffix.endsWith('IfExists');
  const bare = operatorWithSuffix.replace(/IfExists$/, '');
  const negated = /Not(Equals|Like)$/.test(bare);
  const operator = bare.replace(/Not(Equals|Like)$/, '$1');
  const matches = (value: string) => policyValues.some((v) => compare(operator, v, value));
  const holdsFor = (value: string) => (negated ? !matches(value) : matches(value));
  if (actual.length === 0) {
    // An absent key: ForAllValues holds vacuously, ForAnyValue never; a plain negated operator
    // holds ("not equal" to nothing), a plain positive one does not, unless IfExists.
    if (setQualifier === 'ForAllValues') return true;
    if (setQualifier === 'ForAnyValue') return false;
    return ifExists || negated;
  }
  if (setQualifier === 'ForAllValues') return actual.every(holdsFor);
  if (setQualifier === 'ForAnyValue') return actual.some(holdsFor);
  // A single-valued key compared with a negated operator: none of the values may match.
  return negated ? !actual.some(matches) : actual.some(matches);
}

function applies(statement: PolicyStatementJson, request: SimulatedRequest): boolean {
  const actionOk = statement.Action
    ? matchesAny(asList(statement.Action), request.action, true)
    : !matchesAny(asList(statement.NotAction), request.action, true);
  const context = request.context ?? {};
  const resourceOk = statement.Resource
    ? matchesAny(resolved(asList(statement.Resource), context), request.resource)
    : !matchesAny(resolved(asList(statement.NotResource), context), request.resource);
  if (!actionOk || !resourceOk) return false;
  return Object.entries(statement.Condition ?? {}).every(([operator, keys]) =>
    Object.entries(keys).every(([key, values]) =>
      conditionHolds(operator, key, resolved(asList(values), context), context),
    ),
  );
}

function decide(statements: readonly PolicyStatementJson[], request: SimulatedRequest) {
  const applying = statements.filter((statement) => applies(statement, request));
  if (applying.some((statement) => statement.Effect === 'Deny')) return 'denied';
  return applying.some((statement) => statement.Effect === 'Allow') ? 'allowed' : 'denied';
}

/** What IAM decides for `request` made by a principal with these policies and boundary. */
export function evaluateIam(principal: SimulatedPrincipal, request: SimulatedRequest): Decision {
  const identity = decide(
    principal.policies.flatMap((policy) => policy.Statement),
    request,
  );
  if (identity === 'denied' || !principal.boundary) return identity;
  return decide(principal.boundary.Statement, request);
}
