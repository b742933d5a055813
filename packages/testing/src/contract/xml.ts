/** An XML element as the query protocol's answers use them: a name, child elements, text. */
export interface XmlElement {
  name: string;
  children: XmlElement[];
  text: string;
}

const entities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X'))
      return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    return entities[entity] ?? whole;
  });
}

/**
 * Parses the well-formed XML an AWS query-protocol answer is (elements, text, character
 * references; declarations, comments and attributes are skipped). Malformed XML throws, naming
 * the offset.
 */
export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#document', children: [], text: '' };
  const open: XmlElement[] = [root];
  const tag =
    /<(\/?)([\w:.-]+)[^>]*?(\/?)>|<\?[^>]*\?>|<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>/g;
  let last = 0;
  for (let match = tag.exec(xml); match; match = tag.exec(xml)) {
    const current = open[open.length - 1];
    if (!current) throw new Error(`XML closes more elements than it opens, at ${match.index}`);
    current.text += decodeEntities(xml.slice(last, match.index));
    last = tag.lastIndex;
    const [, closing, name, selfClosing, cdata] = match;
    if (cdata !== undefined) current.text += cdata;
    if (!name) continue;
    if (closing) {
      if (current.name !== name)
        throw new Error(`XML closes </${name}> where <${current.name}> is open, at ${match.index}`);
      open.pop();
      continue;
    }
    const element: XmlElement = { name, children: [], text: '' };
    current.children.push(element);
    if (!selfClosing) open.push(element);
  }
  if (open.length !== 1) throw new Error(`XML leaves <${open[open.length - 1]?.name}> open`);
  const [document] = root.children;
  if (!document || root.children.length > 1) throw new Error('XML has no single root element');
  return document;
}
