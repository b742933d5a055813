import type { ServiceModel } from './service-models';
import type { Violation } from './validate';
import type { XmlElement } from './xml';

/**
 * The query protocol (IAM) carries a structure as form parameters (`Tags.member.1.Key=…`) and
 * answers in XML (`<Tags><member><Key>…`). These decode both into the structure the service model
 * describes, typed as awsJson would carry it, so one validator checks every protocol. What cannot
 * be decoded (a list without `member.N`, a number that is not one) is a violation.
 */
export interface Decoded {
  value: unknown;
  violations: Violation[];
}

type Tree = string | { [segment: string]: Tree };

export function decodeQueryParams(
  model: ServiceModel,
  shapeName: string,
  params: URLSearchParams,
): Decoded {
  const tree: Record<string, Tree> = {};
  for (const [key, value] of params) {
    if (key === 'Action' || key === 'Version') continue;
    const segments = key.split('.');
    let node = tree;
    segments.forEach((segment, index) => {
      if (index === segments.length - 1) {
        node[segment] = value;
        return;
      }
      const next = node[segment];
      const child = typeof next === 'object' ? next : {};
      node[segment] = child;
      node = child;
    });
  }
  const violations: Violation[] = [];
  const value = fromTree(model, shapeName, tree, '', violations);
  return { value, violations };
}

function fromTree(
  model: ServiceModel,
  shapeName: string,
  tree: Tree,
  path: string,
  violations: Violation[],
): unknown {
  const shape = model.shapes[shapeName];
  if (!shape) return tree;
  const fail = (rule: string) => {
    violations.push({ path, rule });
    return undefined;
  };
  const at = (name: string) => (path ? `${path}.${name}` : name);
  switch (shape.type) {
    case 'structure':
    case 'union': {
      if (typeof tree === 'string') return tree === '' ? {} : fail('must be a structure');
      return Object.fromEntries(
        Object.entries(tree).map(([name, child]) => {
          const member = shape.members?.[name];
          return [
            name,
            member ? fromTree(model, member.target, child, at(name), violations) : child,
          ];
        }),
      );
    }
    case 'list':
    case 'set': {
      if (tree === '') return [];
      if (typeof tree === 'string' || !isOnly(tree, 'member') || typeof tree.member !== 'object')
        return fail('a list is sent as member.1, member.2, …');
      return numbered(tree.member, path, violations).map((item, index) =>
        fromTree(model, shape.member ?? '', item, `${path}[${index}]`, violations),
      );
    }
    case 'map': {
      if (tree === '') return {};
      if (typeof tree === 'string' || !isOnly(tree, 'entry') || typeof tree.entry !== 'object')
        return fail('a map is sent as entry.1.key, entry.1.value, …');
      return Object.fromEntries(
        numbered(tree.entry, path, violations).map((entry, index) => {
          const key = typeof entry === 'object' ? entry.key : undefined;
          const value = typeof entry === 'object' ? entry.value : undefined;
          if (typeof key !== 'string') fail(`entry ${index + 1} has no single key`);
          return [
            typeof key === 'string' ? key : '',
            value === undefined
              ? undefined
              : fromTree(model, shape.value ?? '', value, `${path}[${index}]`, violations),
          ];
        }),
      );
    }
    default:
      if (typeof tree !== 'string') return fail(`a ${shape.type} is a single value`);
      return scalar(shape.type, tree, fail);
  }
}

export function decodeXmlResult(
  model: ServiceModel,
  shapeName: string,
  result: XmlElement | undefined,
): Decoded {
  const violations: Violation[] = [];
  const value = result ? fromXml(model, shapeName, result, '', violations) : {};
  return { value, violations };
}

function fromXml(
  model: ServiceModel,
  shapeName: string,
  element: XmlElement,
  path: string,
  violations: Violation[],
): unknown {
  const shape = model.shapes[shapeName];
  if (!shape) return element.text;
  const fail = (rule: string) => {
    violations.push({ path, rule });
    return undefined;
  };
  const at = (name: string) => (path ? `${path}.${name}` : name);
  switch (shape.type) {
    case 'structure':
    case 'union': {
      const value: Record<string, unknown> = {};
      for (const child of element.children) {
        if (child.name in value) fail(`${child.name} appears twice`);
        const member = shape.members?.[child.name];
        value[child.name] = member
          ? fromXml(model, member.target, child, at(child.name), violations)
          : child.text;
      }
      return value;
    }
    case 'list':
    case 'set':
      return element.children.map((child, index) => {
        if (child.name !== 'member')
          fail(`a list's items are <member> elements, not <${child.name}>`);
        return fromXml(model, shape.member ?? '', child, `${path}[${index}]`, violations);
      });
    case 'map':
      return Object.fromEntries(
        element.children.map((entry, index) => {
          const key = entry.children.find((child) => child.name === 'key');
          const value = entry.children.find((child) => child.name === 'value');
          if (entry.name !== 'entry' || !key || !value)
            fail(`a map's entries are <entry><key/><value/></entry>`);
          return [
            key?.text ?? '',
            value && fromXml(model, shape.value ?? '', value, `${path}[${index}]`, violations),
          ];
        }),
      );
    default:
      if (element.children.length > 0) return fail(`a ${shape.type} has no child elements`);
      return scalar(shape.type, element.text, fail);
  }
}

function scalar(type: string, text: string, fail: (rule: string) => undefined): unknown {
  switch (type) {
    case 'boolean':
      return text === 'true'
        ? true
        : text === 'false'
          ? false
          : fail(`"${text}" is not true or false`);
    case 'byte':
    case 'short':
    case 'integer':
    case 'long':
    case 'intEnum':
      return /^-?\d+$/.test(text) ? Number(text) : fail(`"${text}" is not a whole number`);
    case 'float':
    case 'double':
      return Number.isFinite(Number(text)) && text.trim() !== ''
        ? Number(text)
        : fail(`"${text}" is not a number`);
    default:
      return text;
  }
}

function isOnly(tree: Record<string, Tree>, key: string): boolean {
  const keys = Object.keys(tree);
  return keys.length === 1 && keys[0] === key;
}

/** `{ '1': a, '2': b }` as `[a, b]`; a gap or a non-number is a violation. */
function numbered(items: Record<string, Tree>, path: string, violations: Violation[]): Tree[] {
  const keys = Object.keys(items);
  const expected = keys.map((_, index) => String(index + 1));
  const sorted = [...keys].sort((a, b) => Number(a) - Number(b));
  if (sorted.join() !== expected.join())
    violations.push({
      path,
      rule: `items are numbered ${sorted.join(', ')}, not 1 to ${keys.length}`,
    });
  return sorted.map((key) => items[key] as Tree);
}
