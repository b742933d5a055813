/**
 * Where the client calls and with which token: options given in code, else the environment
 * (a notebook gets MLSPACE_API_URL and MLSPACE_TOKEN_FILE), else the file `mlspace login` wrote.
 * The package reads no process.env itself: callers pass the environment they mean.
 */
import { readFileSync } from 'node:fs';

import { MlspaceError } from './errors';
import { readConfigFile } from './config-file';

/** Returns the token to send; called before every request, so a rewritten token file is used at once. */
export type TokenProvider = () => string | Promise<string>;

export interface Connection {
  /** The MLSpace origin, e.g. `https://mlspace.example.com`. */
  url: string;
  token: TokenProvider;
  /** Where the settings came from, for messages (`MLSPACE_TOKEN_FILE`, the config file's path). */
  source: string;
}

export type Environment = Record<string, string | undefined>;

export interface ConnectionOptions {
  url?: string;
  token?: string;
  tokenFile?: string;
}

/** The origin of an MLSpace URL given as the site, its /api or its /api/trpc. */
export function originOf(url: string): string {
  const trimmed = url.trim().replace(/\/+$/, '');
  const parsed = new URL(trimmed);
  if (!/^https?:$/.test(parsed.protocol))
    throw new MlspaceError(
      `The MLSpace URL ${url} must start with http:// or https://`,
      'NOT_CONFIGURED',
      undefined,
    );
  return trimmed.replace(/\/api(\/trpc)?$/, '');
}

/** A token read from a file on every call: the notebook's credentials are rewritten before they expire. */
export function tokenFromFile(file: string): TokenProvider {
  return () => {
    let token: string;
    try {
      token = readFileSync(file, 'utf8').trim();
    } catch (error) {
      throw new MlspaceError(
        `The token file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
        'NOT_CONFIGURED',
        undefined,
      );
    }
    if (!token)
      throw new MlspaceError(`The token file ${file} is empty`, 'NOT_CONFIGURED', undefined);
    return token;
  };
}

function tokenFrom(token: string | undefined, tokenFile: string | undefined): TokenProvider | null {
  if (token) return () => token;
  if (tokenFile) return tokenFromFile(tokenFile);
  return null;
}

/**
 * Resolves the connection from, in order: `options`, the environment (MLSPACE_API_URL with
 * MLSPACE_TOKEN or MLSPACE_TOKEN_FILE), the config file. URL and token come from the same place,
 * so a token is never sent to a URL that was configured for another one.
 */
export function resolveConnection(
  options: ConnectionOptions,
  environment: Environment,
): Connection {
  const explicitToken = tokenFrom(options.token, options.tokenFile);
  const environmentToken = tokenFrom(environment.MLSPACE_TOKEN, environment.MLSPACE_TOKEN_FILE);
  const environmentUrl = environment.MLSPACE_API_URL;
  const saved = readConfigFile(environment);

  const url = options.url ?? environmentUrl ?? saved?.config.url;
  if (!url)
    throw new MlspaceError(
      'No MLSpace URL: run `mlspace login --url <url> --token <token>`, or set MLSPACE_API_URL',
      'NOT_CONFIGURED',
      undefined,
    );
  if (explicitToken) return { url: originOf(url), token: explicitToken, source: 'options' };
  if (environmentToken && (!options.url || options.url === environmentUrl))
    return {
      url: originOf(url),
      token: environmentToken,
      source: environment.MLSPACE_TOKEN ? 'MLSPACE_TOKEN' : 'MLSPACE_TOKEN_FILE',
    };
  if (saved && originOf(saved.config.url) === originOf(url))
    return { url: originOf(url), token: () => saved.config.token, source: saved.path };
  throw new MlspaceError(
    `No token for ${originOf(url)}: run \`mlspace login --url ${originOf(url)} --token <token>\`, or set MLSPACE_TOKEN or MLSPACE_TOKEN_FILE`,
    'NOT_CONFIGURED',
    undefined,
  );
}
