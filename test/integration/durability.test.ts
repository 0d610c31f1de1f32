/**
 * "An acknowledged save survives the process being killed the next instant": a child process
 * saves through the real model, says so, and is killed with SIGKILL before it can close the
 * database; the saves are then found in the same file.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { closeDb, getDb } from '~/db.server';
import { getScenario, listVersions } from '~/models/scenarios.server';

import {
  BUNDLED_KEYS,
  ROOT,
  closeAndRemoveTempDatabases,
  countRows,
  sqlite,
  useTempDatabase,
} from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'planner-durability-script-'));
const script = join(dir, 'save-and-hang.mts');
writeFileSync(
  script,
  `
import { getDb } from ${JSON.stringify(join(ROOT, 'app', 'db.server.ts'))};
import { createScenario, getScenario, saveVersion } from ${JSON.stringify(
    join(ROOT, 'app', 'models', 'scenarios.server.ts'),
  )};

getDb();
const bundled = getScenario('county-hospital-300-beds');
if (!bundled) throw new Error('no bundled scenario');
const created = createScenario(bundled.document, { savedBy: 'child', note: 'v1' });
let version = created.version;
for (const n of [2, 3]) {
  const r = saveVersion(created.id, version, { ...bundled.document, name: 'child save ' + n }, { savedBy: 'child', note: 'v' + n });
  if (r.status !== 'saved') throw new Error(JSON.stringify(r));
  version = r.version;
}
const edit = saveVersion('township-health-centre-api', 1, { ...bundled.document, name: 'edited by child' }, { savedBy: 'child' });
if (edit.status !== 'saved') throw new Error(JSON.stringify(edit));
process.stdout.write('saved ' + JSON.stringify({ id: created.id, version }) + '\\n');
setInterval(() => {}, 1 << 30);
`,
);

interface ChildRun {
  id: string;
  version: number;
  signal: NodeJS.Signals | null;
  walBytesAfterKill: number;
}

/** Runs the script against `file`, kills it with SIGKILL as soon as it prints 'saved'. */
function saveInChildAndKill(file: string): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: file },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let saved: { id: string; version: number } | null = null;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the child did not report a save in time; stderr:\n${stderr}`));
    }, 20_000);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /saved (\{.*\})\n/.exec(stdout);
      if (match && !saved) {
        saved = JSON.parse(match[1]!) as { id: string; version: number };
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      if (!saved) return reject(new Error(`the child exited without saving; stderr:\n${stderr}`));
      const wal = `${file}-wal`;
      resolve({ ...saved, signal, walBytesAfterKill: existsSync(wal) ? statSync(wal).size : 0 });
    });
  });
}

afterAll(() => closeAndRemoveTempDatabases(dir));

describe('durability', () => {
  it('saves acknowledged by a process killed with SIGKILL are in the file afterwards', async () => {
    const file = useTempDatabase('durability');
    const run = await saveInChildAndKill(file);
    expect(run.signal).toBe('SIGKILL');
    // The child never closed the database: its saves were still in the write-ahead log.
    expect(run.walBytesAfterKill).toBeGreaterThan(0);

    expect(sqlite().name).toBe(file);
    expect(listVersions(run.id)!.map((v) => [v.version, v.note])).toEqual([
      [3, 'v3'],
      [2, 'v2'],
      [1, 'v1'],
    ]);
    expect(run.version).toBe(3);
    expect(getScenario(run.id)!.document.name).toBe('child save 3');
    expect(getScenario('township-health-centre-api')).toMatchObject({ version: 2, savedBy: 'child' });
    expect(getScenario('township-health-centre-api')!.document.name).toBe('edited by child');
    expect(countRows('scenarios', 'bundled_key IS NOT NULL')).toBe(BUNDLED_KEYS.length);
    expect(sqlite().pragma('integrity_check', { simple: true })).toBe('ok');
  }, 65_000);

  it('a reader that had the file open sees the killed writer’s saves', async () => {
    const file = useTempDatabase('durability-shared');
    getDb();
    const before = countRows('scenario_versions');
    const run = await saveInChildAndKill(file);
    expect(run.signal).toBe('SIGKILL');
    expect(countRows('scenario_versions')).toBe(before + 4);
    expect(getScenario(run.id)).toMatchObject({ version: 3, latestVersion: 3 });
    closeDb();
    getDb();
    expect(countRows('scenario_versions')).toBe(before + 4);
    expect(listVersions(run.id)).toHaveLength(3);
  }, 50_000);
});
