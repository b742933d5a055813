import {
  activityFromJupyter,
  type JupyterActivityAnswers,
  type NotebookActivity,
} from '@mlspace/core';

/**
 * Asks a local Jupyter server for its use: GET /api/status, /api/kernels and /api/terminals under
 * its base URL, with its token. Null when it does not answer (starting, stopping, gone). A server
 * without terminals (404) has none.
 */
export async function readJupyterActivity(
  baseUrl: string,
  token: string,
): Promise<NotebookActivity | null> {
  async function get(path: string, missing?: unknown): Promise<unknown> {
    const response = await fetch(`${baseUrl}api/${path}`, {
      headers: { authorization: `token ${token}` },
      signal: AbortSignal.timeout(5_000),
    });
    if (response.status === 404 && missing !== undefined) return missing;
    if (!response.ok) throw new Error(`Jupyter answered ${response.status} to ${path}`);
    return response.json();
  }
  try {
    const [status, kernels, terminals] = await Promise.all([
      get('status'),
      get('kernels'),
      get('terminals', []),
    ]);
    return activityFromJupyter({ status, kernels, terminals } as JupyterActivityAnswers);
  } catch {
    return null;
  }
}
