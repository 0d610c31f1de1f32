/**
 * npm run audit -- verify
 * Walks the audit log's hash chain in the database (DATABASE_URL, default data/planner.db) and
 * reports the first row changed or taken out outside the app. Exits 0 when the chain holds,
 * 1 when it is broken, 2 on a wrong command.
 */
import { verifyAuditChain } from '~/audit/audit-log.server';
import { closeDb } from '~/db.server';

const REASONS = {
  hash: 'its fields no longer match its hash (changed after it was written)',
  link: 'it does not chain from the row before it (a row was removed or inserted)',
  start: 'the first row chains from neither the start nor a logged purge (rows were removed)',
} as const;

const [command] = process.argv.slice(2);
if (command !== 'verify') {
  process.stderr.write('usage: npm run audit -- verify\n');
  process.exit(2);
}
const check = verifyAuditChain();
closeDb();
if (check.ok) {
  process.stdout.write(`audit log: ${check.rows} rows, chain intact\n`);
} else {
  process.stdout.write(`audit log: broken at row ${check.seq}: ${REASONS[check.reason]}\n`);
  process.exit(1);
}
