/**
 * Previews waiting for a commit are capped overall, not only per scenario: past the count or
 * the bytes, the oldest are dropped, whichever scenario they belong to.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { pendingLimits, pendingUpload, previewDataset } from '~/models/datasets.server';
import { createScenario, getScenario } from '~/models/scenarios.server';

import { closeAndRemoveTempDatabases, countRows, ROOT, useTempDatabase } from './helpers';

useTempDatabase('pending-uploads');
afterAll(() => closeAndRemoveTempDatabases());

const ID = 'county-hospital-300-beds';
const bytes = new Uint8Array(
  readFileSync(join(ROOT, 'test', 'fixtures', 'datasets', 'time-motion-gb18030.csv')),
);

async function preview(scenarioId: string): Promise<string> {
  const answer = await previewDataset(scenarioId, { name: '计时.csv', bytes }, {});
  if (!answer.ok) throw new Error(JSON.stringify(answer.problems));
  return answer.preview.uploadId;
}

describe('previews waiting for a commit', () => {
  it(
    'keep at most the overall count, the oldest dropped first across scenarios',
    { timeout: 60_000 },
    async () => {
      const document = getScenario(ID)!.document;
      const scenarioIds = Array.from(
        { length: 10 },
        (_, i) => createScenario(document, { savedBy: `s${i}` }).id,
      );
      const made: { scenarioId: string; uploadId: string }[] = [];
      // Five per scenario (the per-scenario limit), fifty in all.
      for (const scenarioId of scenarioIds)
        for (let i = 0; i < 5; i++) made.push({ scenarioId, uploadId: await preview(scenarioId) });
      expect(countRows('pending_uploads')).toBe(pendingLimits.count);
      const kept = made.map((m) => pendingUpload(m.scenarioId, m.uploadId) !== null);
      expect(kept).toEqual(made.map((_, i) => i >= made.length - pendingLimits.count));
    },
  );

  it('keep at most the overall bytes, the oldest dropped first', { timeout: 60_000 }, async () => {
    const saved = { ...pendingLimits };
    pendingLimits.bytes = 3 * bytes.byteLength;
    try {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push(await preview(ID));
      expect(countRows('pending_uploads')).toBe(3);
      expect(ids.map((id) => pendingUpload(ID, id) !== null)).toEqual([false, false, true, true, true]);
    } finally {
      Object.assign(pendingLimits, saved);
    }
  });
});
