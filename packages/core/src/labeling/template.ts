/**
 * Custom worker templates are HTML written by users and shown to other users. They are stored as
 * written (Ground Truth renders them on AWS) and sanitised whenever MLSpace renders them: elements
 * that run or load code or leave the page are removed with their content, event-handler attributes
 * and script URLs are dropped. The portal also shows the result in a sandboxed frame without
 * scripts, so what this misses still cannot run.
 */
const droppedElements = [
  'script',
  'style',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'link',
  'meta',
  'base',
  'form',
  'template',
  'noscript',
  'svg',
  'math',
];

export function sanitizeTemplate(html: string): string {
  let clean = html.replace(/<!--[\s\S]*?-->/g, '');
  for (const element of droppedElements) {
    clean = clean
      .replace(new RegExp(`<${element}\\b[\\s\\S]*?<\\/${element}\\s*>`, 'gi'), '')
      .replace(new RegExp(`<\\/?${element}\\b[^>]*>`, 'gi'), '');
  }
  return clean.replace(
    /<([a-z][\w-]*)((?:\s+[^>]*?)?)(\/?)>/gi,
    (_tag, name: string, attributes: string, slash: string) =>
      `<${name}${safeAttributes(attributes)}${slash}>`,
  );
}

function safeAttributes(attributes: string): string {
  const kept: string[] = [];
  const pattern = /([^\s"'=<>`/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?/g;
  for (const match of attributes.matchAll(pattern)) {
    const name = match[1]!.toLowerCase();
    const value = match[2] ?? '';
    if (name.startsWith('on') || name === 'style' || name === 'srcdoc' || name === 'formaction')
      continue;
    const unquoted = value.replace(/^["']|["']$/g, '');
    // Browsers ignore whitespace and control characters inside a URL's scheme.
    const scheme = [...unquoted]
      .filter((character) => character.charCodeAt(0) > 0x20)
      .join('')
      .toLowerCase();
    if (
      /^(javascript|vbscript|data):/.test(scheme) &&
      !/^data:image\/(png|jpeg|gif|webp);/.test(scheme)
    )
      continue;
    kept.push(
      value
        ? `${match[1]}=${value.startsWith('"') || value.startsWith("'") ? value : `"${value}"`}`
        : match[1]!,
    );
  }
  return kept.length > 0 ? ` ${kept.join(' ')}` : '';
}
