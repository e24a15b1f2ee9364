import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Where the book lives: --db PATH, else $SMART_DB, else $XDG_DATA_HOME/smart/book.sqlite,
 * else ~/.local/share/smart/book.sqlite (the XDG default for a user's data).
 */
export function resolveBookPath(option: string | undefined, env: NodeJS.ProcessEnv): string {
  if (option !== undefined && option !== '') return resolve(option);
  if (env.SMART_DB !== undefined && env.SMART_DB !== '') return resolve(env.SMART_DB);
  const dataHome = env.XDG_DATA_HOME !== undefined && env.XDG_DATA_HOME !== '' ? env.XDG_DATA_HOME : join(homedir(), '.local', 'share');
  return join(dataHome, 'smart', 'book.sqlite');
}
