/** The only place the CLI reads process.env: the variables the client resolves a connection from. */
import type { Environment } from '@mlspace/client';

export function readEnvironment(): Environment {
  return {
    MLSPACE_API_URL: process.env.MLSPACE_API_URL,
    MLSPACE_TOKEN: process.env.MLSPACE_TOKEN,
    MLSPACE_TOKEN_FILE: process.env.MLSPACE_TOKEN_FILE,
    XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME,
    HOME: process.env.HOME,
  };
}
