/**
 * The audit log's chain on a real SQLite file: appended rows verify; a row changed or removed
 * outside the app (its triggers dropped first, as a tamperer would have to) is found, by its
 * number; the database itself refuses an update and the removal of a row younger than 180 days;
 * a purge of older rows is logged and the rest still verifies.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import type Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

import { appendAudit, GENESIS_HASH, purgeAudit, verifyAuditChain } from '~/audit/audit-log.server';
import { getDb } from '~/db.server';

import { closeAndRemoveTempDatabases, ROOT, useTempDatabase } from '../integration/helpers';

useTempDatabase('audit');
afterAll(() => closeAndRemoveTempDatabases());

const sqlite = () => (getDb() as unknown as { $client: Database.Database }).$client;
const day = 24 * 3600 * 1000;
const NOW = new Date('2026-12-07T08:00:00Z');

function reset(): void {
  sqlite().exec('DROP TRIGGER IF EXISTS audit_log_keep_180_days; DELETE FROM audit_log;');
  sqlite().exec(`CREATE TRIGGER audit_log_keep_180_days BEFORE DELETE ON audit_log
    WHEN old.at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-180 days')
    BEGIN SELECT RAISE(ABORT, 'audit_log rows are kept at least 180 days'); END;`);
}

function login(username: string, at: Date, outcome: 'success' | 'failure' = 'success') {
  return appendAudit(
    {
      action: 'login',
      outcome,
      username,
      address: '10.0.0.7',
      userAgent: 'test',
      detail: { via: 'password' },
    },
    at,
  );
}

describe('the audit chain', () => {
  it('chains each row to the one before, from the start', () => {
    reset();
    const a = login('zhang', NOW);
    const b = login('li', new Date(NOW.getTime() + 1000), 'failure');
    expect(a.prevHash).toBe(GENESIS_HASH);
    expect(b.prevHash).toBe(a.hash);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyAuditChain()).toEqual({ ok: true, rows: 2 });
  });

  it('the database refuses to change any row or remove a recent one', () => {
    reset();
    const row = login('zhang', NOW);
    expect(() =>
      sqlite().prepare('UPDATE audit_log SET outcome = ? WHERE seq = ?').run('failure', row.seq),
    ).toThrow(/never changed/);
    expect(() => sqlite().prepare('DELETE FROM audit_log WHERE seq = ?').run(row.seq)).toThrow(/180 days/);
    expect(verifyAuditChain()).toEqual({ ok: true, rows: 1 });
  });

  it('finds a row changed outside the app, and a row taken out', () => {
    reset();
    const rows = [0, 1, 2, 3].map((i) => login(`user${i}`, new Date(NOW.getTime() + i * 1000)));
    // A tamperer must drop the trigger first; then the chain still tells.
    sqlite().exec('DROP TRIGGER audit_log_no_update');
    sqlite().prepare('UPDATE audit_log SET outcome = ? WHERE seq = ?').run('failure', rows[2]!.seq);
    expect(verifyAuditChain()).toEqual({ ok: false, rows: 3, seq: rows[2]!.seq, reason: 'hash' });
    // Put back, then remove a row from the middle.
    sqlite().prepare('UPDATE audit_log SET outcome = ? WHERE seq = ?').run('success', rows[2]!.seq);
    expect(verifyAuditChain().ok).toBe(true);
    sqlite().exec('DROP TRIGGER audit_log_keep_180_days');
    sqlite().prepare('DELETE FROM audit_log WHERE seq = ?').run(rows[1]!.seq);
    expect(verifyAuditChain()).toEqual({ ok: false, rows: 2, seq: rows[2]!.seq, reason: 'link' });
    sqlite().exec(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log rows are never changed'); END;`);
  });

  it('a purge removes only rows older than 180 days, is itself logged, and the rest verifies', () => {
    reset();
    const old = [0, 1, 2].map((i) => login(`old${i}`, new Date(NOW.getTime() - (400 - i) * day)));
    const kept = login('recent', new Date(NOW.getTime() - 10 * day));
    const admin = {
      userId: null,
      username: 'audit',
      role: 'audit-admin',
      address: '10.0.0.9',
      userAgent: 'test',
    };
    expect(purgeAudit(new Date(NOW.getTime() - 100 * day), admin, NOW)).toEqual({ refused: 'tooRecent' });
    expect(purgeAudit(new Date(NOW.getTime() - 200 * day), admin, NOW)).toEqual({ removed: 3 });
    const left = sqlite().prepare('SELECT username, action FROM audit_log ORDER BY seq').all();
    expect(left).toEqual([
      { username: 'recent', action: 'login' },
      { username: 'audit', action: 'audit.purge' },
    ]);
    expect(kept.prevHash).toBe(old[2]!.hash);
    expect(verifyAuditChain()).toEqual({ ok: true, rows: 2 });
  });
});

describe('npm run audit -- verify', () => {
  it('says the chain holds, or names the first broken row and exits 1', { timeout: 120_000 }, () => {
    reset();
    const rows = [0, 1, 2].map((i) => login(`cli${i}`, new Date(NOW.getTime() + i * 1000)));
    const run = () =>
      spawnSync(
        process.execPath,
        [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/audit.ts', 'verify'],
        {
          cwd: ROOT,
          env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
          encoding: 'utf8',
          timeout: 90_000,
        },
      );
    const intact = run();
    expect(intact.status).toBe(0);
    expect(intact.stdout).toContain('3 rows, chain intact');
    sqlite().exec('DROP TRIGGER audit_log_no_update');
    sqlite().prepare('UPDATE audit_log SET username = ? WHERE seq = ?').run('someone else', rows[1]!.seq);
    const broken = run();
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain(`broken at row ${rows[1]!.seq}`);
    sqlite().prepare('UPDATE audit_log SET username = ? WHERE seq = ?').run('cli1', rows[1]!.seq);
    sqlite().exec(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log rows are never changed'); END;`);
  });
});
