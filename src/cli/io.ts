/** The few styles smart uses; plain text when colour is off. */
export interface Paint {
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const PLAIN: Paint = { red: String, green: String, yellow: String, dim: String, bold: String };

/**
 * Where a command's output goes: data on stdout, messages on stderr, colour only on a terminal
 * and never with NO_COLOR or --no-color, prompts only when both stdin and stderr are terminals.
 */
export interface Io {
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  readonly env: NodeJS.ProcessEnv;
  readonly interactive: boolean;
  /** Colours for messages on stderr. */
  readonly paint: Paint;
  /** Colours for data on stdout (tables at a terminal). */
  readonly paintData: Paint;
}

function colourLevel(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv, noColor: boolean): 0 | 1 {
  if (noColor || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) return 0;
  return stream.isTTY === true ? 1 : 0;
}

/** chalk is loaded only when a terminal will show colours: cron and scripts never pay for it. */
async function painter(level: 0 | 1): Promise<Paint> {
  if (level === 0) return PLAIN;
  const { Chalk } = await import('chalk');
  return new Chalk({ level });
}

export async function createIo(argv: readonly string[], process: NodeJS.Process): Promise<Io> {
  const noColor = argv.includes('--no-color');
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    interactive: process.stdin.isTTY === true && process.stderr.isTTY === true,
    paint: await painter(colourLevel(process.stderr, process.env, noColor)),
    paintData: await painter(colourLevel(process.stdout, process.env, noColor)),
  };
}

/** One line of data on stdout. */
export function printLine(io: Io, text = ''): void {
  io.stdout.write(`${text}\n`);
}

/** JSON for scripts, on stdout: amounts are already strings with two decimals. */
export function printJson(io: Io, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A message for the person, on stderr: summaries, warnings, next steps. */
export function say(io: Io, text: string): void {
  io.stderr.write(`${text}\n`);
}

export function done(io: Io, text: string): void {
  say(io, `${io.paint.green('✔')} ${text}`);
}

export function warn(io: Io, text: string): void {
  say(io, `${io.paint.yellow('warning:')} ${text}`);
}

export function next(io: Io, text: string): void {
  say(io, io.paint.dim(`  next: ${text}`));
}

/** A plain aligned table on stdout for people; scripts use --json or --csv. */
export function printTable(io: Io, headers: readonly string[], rows: readonly (readonly string[])[], rightAligned: readonly number[] = []): void {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const format = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (rightAligned.includes(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  printLine(io, io.paintData.bold(format(headers)));
  for (const row of rows) printLine(io, format(row));
}
