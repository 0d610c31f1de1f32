/**
 * npm run users -- create <username> --hospital <name> --role <viewer|planner|approver|hospital-admin> [--name <full name>]
 * npm run users -- create <username> --system-role <system-admin|security-admin|audit-admin>
 *     makes the account (and the hospital, if it does not exist yet) and prints its one-time
 *     password, to be changed at the first login.
 * npm run users -- token <username> [--hospital <name>] [--role <role>]
 *     prints only a new API token (scoped to that hospital, at most the user's role there).
 * npm run users -- lock <username> | unlock <username>
 *     locks an account (its sessions end) or unlocks it (also ending a lockout after failures);
 *     both are written to the audit log.
 * npm run users -- list
 * The database is DATABASE_URL (default data/planner.db). Exits 2 on a wrong command or name.
 */
import { userInfo } from 'node:os';

import { appendAudit } from '~/audit/audit-log.server';
import { HOSPITAL_ROLES, isHospitalRole, isSystemRole, SYSTEM_ROLES } from '~/auth/roles';
import { closeDb, getDb } from '~/db.server';
import { ensureHospital, findHospitalByName, getHospital, listHospitals } from '~/models/hospitals.server';
import {
  createApiToken,
  createUser,
  findUser,
  membershipsOf,
  setAccountLocked,
  setMembership,
  type User,
} from '~/models/users.server';

import { users } from '../db/schema';

const USAGE = `usage:
  npm run users -- create <username> --hospital <name> --role <${HOSPITAL_ROLES.join('|')}> [--name <full name>]
  npm run users -- create <username> --system-role <${SYSTEM_ROLES.join('|')}> [--name <full name>]
  npm run users -- token <username> [--hospital <name>] [--role <role>]
  npm run users -- lock <username> | unlock <username>
  npm run users -- list
`;

/** Who ran the command, for the audit log: the operating system's user on this machine. */
const operator = `command line (${userInfo().username})`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  closeDb();
  process.exit(2);
}

function options(args: string[]): { positional: string[]; flags: Map<string, string> } {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('--')) {
      const value = args[i + 1];
      if (value === undefined || value.startsWith('--')) fail(`${arg} needs a value\n${USAGE}`);
      flags.set(arg.slice(2), value);
      i++;
    } else positional.push(arg);
  }
  return { positional, flags };
}

async function create(username: string, flags: Map<string, string>): Promise<void> {
  const db = getDb();
  const hospitalName = flags.get('hospital');
  const role = flags.get('role');
  const systemRole = flags.get('system-role');
  if (systemRole !== undefined && !isSystemRole(systemRole))
    fail(`--system-role must be one of ${SYSTEM_ROLES.join(', ')}`);
  if (role !== undefined && !isHospitalRole(role)) fail(`--role must be one of ${HOSPITAL_ROLES.join(', ')}`);
  if ((hospitalName === undefined) !== (role === undefined))
    fail(`--hospital and --role go together\n${USAGE}`);
  if (!systemRole && !hospitalName) fail(USAGE);
  // The name people know them by (王主任), recorded on their saves and approvals.
  const displayName = (flags.get('name') ?? '').trim().slice(0, 100);
  const made = await createUser({ username, systemRole: systemRole ?? null, displayName }, db);
  if (made.status === 'badName') fail('a user name is 2 to 64 letters, digits, or . _ @ -');
  if (made.status === 'exists') fail(`there is already a user called ${username}`);
  const hospital = hospitalName ? ensureHospital(db, hospitalName) : null;
  if (hospital && role && isHospitalRole(role)) setMembership(db, made.user.id, hospital.id, role);
  appendAudit(
    {
      action: 'account.create',
      outcome: 'success',
      username: operator,
      hospitalId: hospital?.id ?? null,
      hospitalName: hospital?.name ?? '',
      objectType: 'user',
      objectId: made.user.username,
      detail: { role: role ?? null, systemRole: systemRole ?? null },
    },
    new Date(),
    db,
  );
  process.stdout.write(`${made.oneTimePassword}\n`);
}

function token(username: string, flags: Map<string, string>): void {
  const db = getDb();
  const user = findUser(db, username) ?? fail(`no user called ${username}`);
  const role = flags.get('role');
  if (role !== undefined && !isHospitalRole(role)) fail(`--role must be one of ${HOSPITAL_ROLES.join(', ')}`);
  const mine = membershipsOf(db, user.id);
  const name = flags.get('hospital');
  const hospital = name
    ? findHospitalByName(db, name)
    : mine.length === 1
      ? getHospital(db, mine[0]!.hospitalId)
      : fail(`${username} belongs to ${mine.length} hospitals: name one with --hospital`);
  if (!hospital) fail(`no hospital called ${name}`);
  const made = createApiToken(db, user, hospital, role && isHospitalRole(role) ? { role } : {});
  if (made.status === 'notMember') fail(`${username} has no role in ${hospital.name}`);
  if (made.status === 'roleTooHigh') fail(`${username} is only ${made.held} in ${hospital.name}`);
  // The token itself is never logged, only that one was made, for whom and with what role.
  appendAudit(
    {
      action: 'token.create',
      outcome: 'success',
      userId: user.id,
      username: operator,
      role: made.role,
      hospitalId: hospital.id,
      hospitalName: hospital.name,
      objectType: 'apiToken',
      objectId: made.id,
    },
    new Date(),
    db,
  );
  process.stdout.write(`${made.token}\n`);
}

function list(): void {
  const db = getDb();
  const names = new Map(listHospitals(db).map((h) => [h.id, h.name]));
  const all: User[] = db.select().from(users).orderBy(users.username).all();
  for (const user of all) {
    const roles = membershipsOf(db, user.id).map((m) => `${names.get(m.hospitalId)}: ${m.role}`);
    if (user.systemRole) roles.unshift(user.systemRole);
    const state = user.disabled ? ' (locked)' : user.mustChangePassword ? ' (must change password)' : '';
    process.stdout.write(`${user.username}${state}\t${roles.join('; ')}\n`);
  }
}

function lock(username: string, locked: boolean): void {
  const db = getDb();
  const user = findUser(db, username) ?? fail(`no user called ${username}`);
  setAccountLocked(db, user.id, locked);
  appendAudit(
    {
      action: locked ? 'account.lock' : 'account.unlock',
      outcome: 'success',
      username: operator,
      objectType: 'user',
      objectId: user.username,
    },
    new Date(),
    db,
  );
  process.stdout.write(`${user.username} ${locked ? 'locked' : 'unlocked'}\n`);
}

const [command, ...rest] = process.argv.slice(2);
const { positional, flags } = options(rest);
if (command === 'create' && positional.length === 1) await create(positional[0]!, flags);
else if (command === 'token' && positional.length === 1) token(positional[0]!, flags);
else if ((command === 'lock' || command === 'unlock') && positional.length === 1)
  lock(positional[0]!, command === 'lock');
else if (command === 'list' && positional.length === 0) list();
else fail(USAGE);
closeDb();
