import type { DevUser } from './users';

const styles = `
  :root { color-scheme: light dark; --accent: #4f46e5; --accent-dark: #4338ca; --muted: #6b7280; --card: #ffffff; --bg: #f3f4f6; --text: #111827; --border: #d1d5db; }
  @media (prefers-color-scheme: dark) { :root { --card: #1f2937; --bg: #111827; --text: #f9fafb; --border: #374151; --muted: #9ca3af; } }
  * { box-sizing: border-box; }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: var(--bg); color: var(--text);
    font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  main { width: min(380px, calc(100vw - 32px)); background: var(--card); border-radius: 14px; padding: 32px;
    box-shadow: 0 10px 30px rgba(0, 0, 0, .08), 0 1px 3px rgba(0, 0, 0, .06); }
  .brand { display: flex; align-items: center; gap: 10px; font-weight: 650; font-size: 17px; margin-bottom: 24px; }
  .brand span { display: inline-grid; place-items: center; width: 32px; height: 32px; border-radius: 8px; background: var(--accent); color: #fff; font-size: 14px; }
  h1 { font-size: 20px; margin: 0 0 16px; font-weight: 600; }
  label { display: block; font-size: 13px; font-weight: 600; margin: 14px 0 6px; }
  input { width: 100%; padding: 10px 12px; border: 1px solid var(--border); border-radius: 8px; font: inherit; color: inherit; background: transparent; }
  input:focus { outline: 2px solid var(--accent); outline-offset: 1px; border-color: transparent; }
  button { width: 100%; margin-top: 22px; padding: 11px; border: 0; border-radius: 8px; background: var(--accent); color: #fff; font: inherit; font-weight: 600; cursor: pointer; }
  button:hover { background: var(--accent-dark); }
  .error { margin: 0 0 8px; padding: 10px 12px; border-radius: 8px; background: #fef2f2; color: #b91c1c; border: 1px solid #fecaca; font-size: 14px; }
  .note { margin-top: 24px; padding-top: 16px; border-top: 1px solid var(--border); color: var(--muted); font-size: 13px; }
  .note code { font-size: 12.5px; }
  p { margin: 0 0 12px; }
`;

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function layout(title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${styles}</style>
${head}
</head>
<body>
<main>
<div class="brand"><span>ML</span>MLSpace</div>
${body}
</main>
</body>
</html>`;
}

export function loginPage(input: {
  action: string;
  username: string;
  error?: string;
  users: DevUser[];
}): string {
  const error = input.error ? `<p class="error" role="alert">${escapeHtml(input.error)}</p>` : '';
  const passwords = [...new Set(input.users.map((user) => user.password))];
  const note =
    input.users.length === 0
      ? ''
      : `<div class="note">This is a development identity provider. Seeded users:
${input.users.map((user) => `<code>${escapeHtml(user.username)}</code>`).join(', ')}${
          passwords.length === 1
            ? ` &mdash; password <code>${escapeHtml(passwords[0] ?? '')}</code>`
            : ''
        }.</div>`;
  return layout(
    'MLSpace development sign-in',
    `<h1>MLSpace development sign-in</h1>
${error}
<form method="post" action="${escapeHtml(input.action)}" autocomplete="off">
<label for="username">Username</label>
<input id="username" name="username" value="${escapeHtml(input.username)}" required ${input.username ? '' : 'autofocus'}>
<label for="password">Password</label>
<input id="password" name="password" type="password" required ${input.username ? 'autofocus' : ''}>
<button type="submit">Sign in</button>
</form>
${note}`,
  );
}

export function messagePage(title: string, message: string): string {
  return layout(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`);
}

/**
 * oidc-provider asks for confirmation before signing out; a relying party that proves who it is with
 * `id_token_hint` gets the form submitted for it, so signing out of MLSpace is one click.
 */
export function logoutPage(form: string, autoSubmit: boolean): string {
  const withConfirm = form.replace(
    '</form>',
    '<input type="hidden" name="logout" value="yes"/></form>',
  );
  if (autoSubmit) {
    return layout(
      'Signing out',
      `<h1>Signing out&hellip;</h1>${withConfirm}<noscript><button type="submit" form="op.logoutForm">Continue</button></noscript>`,
      `<script>document.addEventListener('DOMContentLoaded', function () { document.forms[0].submit(); });</script>`,
    );
  }
  return layout(
    'Sign out',
    `<h1>Sign out of MLSpace?</h1>${withConfirm}<button autofocus type="submit" form="op.logoutForm">Sign out</button>`,
  );
}
