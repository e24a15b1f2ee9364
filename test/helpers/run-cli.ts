import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const SMART_BIN = fileURLToPath(new URL('../../bin/smart.js', import.meta.url));

export interface CliResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the built `bin/smart.js` as a user's shell would, without a terminal (stdin closed),
 * with NO_COLOR unset unless given, so tests see exactly what a script or cron sees.
 */
export function runSmart(args: readonly string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string } = {}): CliResult {
  const env: NodeJS.ProcessEnv = { ...process.env, SMART_DB: '', XDG_DATA_HOME: '/nonexistent-smart-test', ...options.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  if (options.env?.NO_COLOR !== undefined) env.NO_COLOR = options.env.NO_COLOR;
  const result = spawnSync(process.execPath, [SMART_BIN, ...args], {
    env,
    cwd: options.cwd,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { exitCode: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
