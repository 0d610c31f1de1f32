/**
 * A real OpenLDAP server for the LDAP tests: Debian's `slapd` started on a free port of
 * 127.0.0.1 with a temporary configuration and database (mdb), filled with `ldapadd`, changed
 * with `ldapmodify`, and stopped (killed, waited for, its directory removed) at the end.
 * Needs the packages `slapd` and `ldap-utils`; `slapdMissing()` says why it cannot run.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Client } from 'ldapts';

const SLAPD = '/usr/sbin/slapd';
const MODULES = '/usr/lib/ldap';
const SCHEMA = '/etc/ldap/schema';

/** Why a real slapd cannot be started here, or null when it can. */
export function slapdMissing(): string | null {
  if (!existsSync(SLAPD)) return `${SLAPD} is not installed (apt-get install slapd ldap-utils)`;
  if (!existsSync(join(MODULES, 'back_mdb.so')) && !existsSync(join(MODULES, 'back_mdb.la')))
    return `the mdb backend is not in ${MODULES}`;
  for (const tool of ['ldapadd', 'ldapmodify'])
    if (spawnSync('which', [tool]).status !== 0)
      return `${tool} is not installed (apt-get install ldap-utils)`;
  return null;
}

/** A userPassword value as slappasswd makes it: {SSHA}, SHA-1 of the password and a salt. */
export function sshaPassword(password: string): string {
  const salt = randomBytes(8);
  const digest = createHash('sha1').update(password, 'utf8').update(salt).digest();
  return `{SSHA}${Buffer.concat([digest, salt]).toString('base64')}`;
}

/** A TCP port nobody listens on now (the kernel's choice). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

export interface Slapd {
  url: string;
  suffix: string;
  rootDn: string;
  rootPassword: string;
  /** Adds entries (LDIF) with ldapadd, as the root DN. */
  add(ldif: string): void;
  /** Changes entries (LDIF with changetype) with ldapmodify, as the root DN. */
  modify(ldif: string): void;
  /** Kills the server and waits for it to end (the data stays until `remove`). */
  stop(): Promise<void>;
  /** Stops the server if it runs, and removes its directory. */
  remove(): Promise<void>;
}

export interface SlapdOptions {
  suffix?: string;
  /** slapd.conf lines for access control (the default: passwords only for binding). */
  access?: string;
}

const DEFAULT_ACCESS = (rootDn: string, serviceDn: string) => `
access to attrs=userPassword
  by anonymous auth
  by * none
access to *
  by dn.exact="${serviceDn}" read
  by dn.exact="${rootDn}" write
  by self read
  by * none
`;

/**
 * Starts slapd (`slapd -f <tmp>/slapd.conf -h ldap://127.0.0.1:<port>/ -d 0`) and waits until it
 * answers a search. The service account `cn=service,<suffix>` may read everything but passwords.
 */
export async function startSlapd(options: SlapdOptions = {}): Promise<Slapd> {
  const suffix = options.suffix ?? 'dc=example,dc=org';
  const rootDn = `cn=admin,${suffix}`;
  const rootPassword = randomBytes(12).toString('base64url');
  const dir = mkdtempSync(join(tmpdir(), 'planner-slapd-'));
  mkdirSync(join(dir, 'data'));
  const config = [
    ...['core', 'cosine', 'inetorgperson', 'nis'].map((s) => `include ${join(SCHEMA, `${s}.schema`)}`),
    `modulepath ${MODULES}`,
    'moduleload back_mdb',
    `pidfile ${join(dir, 'slapd.pid')}`,
    `argsfile ${join(dir, 'slapd.args')}`,
    'database mdb',
    'maxsize 16777216',
    `suffix "${suffix}"`,
    `rootdn "${rootDn}"`,
    `rootpw ${sshaPassword(rootPassword)}`,
    `directory ${join(dir, 'data')}`,
    options.access ?? DEFAULT_ACCESS(rootDn, `cn=service,${suffix}`),
  ].join('\n');
  writeFileSync(join(dir, 'slapd.conf'), `${config}\n`);
  const port = await freePort();
  const url = `ldap://127.0.0.1:${port}/`;
  let child: ChildProcess | null = spawn(SLAPD, ['-f', join(dir, 'slapd.conf'), '-h', url, '-d', '0'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child!.once('exit', () => resolve()));
  let running = true;
  void exited.then(() => (running = false));

  const stop = async () => {
    if (child && running) {
      child.kill('SIGTERM');
      const ended = await Promise.race([exited.then(() => true), delay(10_000).then(() => false)]);
      if (!ended) {
        child.kill('SIGKILL');
        await exited;
      }
    }
    child = null;
  };
  const ldapTool = (tool: string, ldif: string) => {
    const done = spawnSync(tool, ['-x', '-H', url, '-D', rootDn, '-w', rootPassword], {
      input: ldif,
      encoding: 'utf8',
      timeout: 30_000,
    });
    if (done.status !== 0) throw new Error(`${tool} failed (${done.status}): ${done.stderr}`);
  };

  // Ready when it answers a search of the root DSE (a fresh slapd takes a moment).
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (!running) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`slapd ended at start: ${stderr}`);
    }
    const client = new Client({ url, connectTimeout: 1000, timeout: 1000 });
    try {
      await client.search('', { scope: 'base', attributes: ['namingContexts'] });
      break;
    } catch (error) {
      if (Date.now() > deadline) {
        await stop();
        rmSync(dir, { recursive: true, force: true });
        throw new Error(`slapd did not answer within 30 s: ${String(error)} ${stderr}`);
      }
      await delay(100);
    } finally {
      await client.unbind().catch(() => {});
    }
  }

  return {
    url,
    suffix,
    rootDn,
    rootPassword,
    add: (ldif) => ldapTool('ldapadd', ldif),
    modify: (ldif) => ldapTool('ldapmodify', ldif),
    stop,
    remove: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
