import { readFileSync, readdirSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { SmartError } from '../errors.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);
const MIGRATION_FILE = /^(\d{3})-([a-z0-9-]+)\.sql$/;

/** The numbered .sql files beside this module, in order. Numbers must run 1, 2, 3 without a gap. */
export function loadMigrations(): Migration[] {
  const migrations = readdirSync(MIGRATIONS_DIR)
    .map((file) => ({ file, match: MIGRATION_FILE.exec(file) }))
    .filter((item): item is { file: string; match: RegExpExecArray } => item.match !== null)
    .map(({ file, match }) => ({
      version: Number(match[1]),
      name: match[2] ?? file,
      sql: readFileSync(new URL(file, MIGRATIONS_DIR), 'utf8'),
    }))
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`migration numbering has a gap before ${migration.version}`);
  });
  return migrations;
}

export function latestSchemaVersion(): number {
  return loadMigrations().length;
}

/**
 * Brings a book up to this version of smart. Each migration runs in its own database transaction
 * and is recorded in schema_migrations; PRAGMA user_version mirrors the latest so that opening an
 * up-to-date book costs one pragma read. A book written by a newer smart is refused untouched.
 */
export function migrate(db: Database, now: string): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number;
  const migrations = loadMigrations();
  const latest = migrations.length;
  if (from > latest) {
    throw new SmartError('conflict', `This book was written by a newer version of smart (schema ${from}; this smart knows up to ${latest}).`, {
      hint: 'Upgrade smart (npm install -g smart-coop@latest, or git pull && npm install) before opening this book; it was left untouched.',
    });
  }
  if (from === latest) return { from, to: latest };
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of migrations.slice(from)) {
    const apply = db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, now);
      db.pragma(`user_version = ${migration.version}`);
    });
    apply.immediate();
  }
  return { from, to: latest };
}
