/** Just enough of a browser for OIDC flows: a path-aware cookie jar and manual redirects. */
export interface FakeBrowser {
  request(
    url: string | URL,
    init?: { method?: string; form?: Record<string, string> },
  ): Promise<Response>;
  /** Follows redirects until the URL starts with `stopAt` (returned unfetched) or a non-redirect response. */
  navigate(
    url: string | URL,
    options: { stopAt: string; method?: string; form?: Record<string, string> },
  ): Promise<{ url: URL; response?: Response }>;
}

interface Cookie {
  name: string;
  value: string;
  path: string;
}

export function createFakeBrowser(): FakeBrowser {
  const cookies = new Map<string, Cookie>();

  function remember(setCookies: string[]): void {
    for (const header of setCookies) {
      const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator);
      const value = pair.slice(separator + 1);
      const pathAttribute = attributes.find((attribute) =>
        attribute.toLowerCase().startsWith('path='),
      );
      const path = pathAttribute ? pathAttribute.slice(5) : '/';
      const expired = attributes.some(
        (attribute) =>
          attribute.toLowerCase().startsWith('expires=') &&
          new Date(attribute.slice(8)).getTime() < Date.now(),
      );
      const key = `${name};${path}`;
      if (expired || value === '') cookies.delete(key);
      else cookies.set(key, { name, value, path });
    }
  }

  function cookieHeader(url: URL): string {
    return [...cookies.values()]
      .filter(
        (cookie) =>
          url.pathname === cookie.path ||
          url.pathname.startsWith(cookie.path.endsWith('/') ? cookie.path : `${cookie.path}/`),
      )
      .map((cookie) => `${cookie.name}=${cookie.value}`)
      .join('; ');
  }

  async function request(
    target: string | URL,
    init: { method?: string; form?: Record<string, string> } = {},
  ): Promise<Response> {
    const url = new URL(target);
    const headers: Record<string, string> = { cookie: cookieHeader(url) };
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(url, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers,
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
      redirect: 'manual',
    });
    remember(response.headers.getSetCookie());
    return response;
  }

  return {
    request,
    async navigate(target, { stopAt, method, form }) {
      let url = new URL(target);
      let init: { method?: string; form?: Record<string, string> } = { method, form };
      for (let hops = 0; hops < 20; hops += 1) {
        if (url.href.startsWith(stopAt)) return { url };
        const response = await request(url, init);
        const location = response.headers.get('location');
        if (response.status < 300 || response.status >= 400 || !location) return { url, response };
        await response.arrayBuffer();
        url = new URL(location, url);
        init = {};
      }
      throw new Error(`Too many redirects, last at ${url.href}`);
    },
  };
}

/** The action and hidden inputs of the first form on a page, to submit it like a browser would. */
export function readForm(html: string, base: URL): { action: URL; fields: Record<string, string> } {
  const action = /<form[^>]*action="([^"]*)"/.exec(html)?.[1] ?? base.href;
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(match[0])?.[1];
    const value = /value="([^"]*)"/.exec(match[0])?.[1];
    if (name) fields[name] = value ?? '';
  }
  return { action: new URL(action.replaceAll('&amp;', '&'), base), fields };
}
