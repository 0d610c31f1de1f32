/**
 * Heavy routes when the job pool cannot take their work: a full queue answers at once with 503,
 * `Retry-After` and `code: queueFull`; a job over the time limit has its worker ended and
 * answers 503 `jobTimeout`; both in the caller's language, and the server goes on answering.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';

import { maxTrialsFor, validateScenario } from '~/engine';
import { closeJobPool } from '~/jobs/pool.server';
import { createScenario } from '~/models/scenarios.server';
import { loader as resultsLoader } from '~/routes/api.scenarios.$id.results';
import { loader as pdfLoader } from '~/routes/api.scenarios.$id.report[.]pdf';

import { largestAcceptedScenario } from '../helpers/largest-scenario';
import { call, closeAndRemoveTempDatabases, expectErrorShape, makeRequest, useTempDatabase } from './helpers';

useTempDatabase('job-refusals');
afterAll(() => closeAndRemoveTempDatabases());

const SCENARIO = 'county-hospital-300-beds';
const saved = { ...process.env };
/** A pool made afresh with these limits (the pool reads them when it is first used). */
async function poolWith(settings: Record<string, string>): Promise<void> {
  await closeJobPool();
  Object.assign(process.env, settings);
}
afterEach(async () => {
  await closeJobPool();
  for (const key of ['PLANNER_JOB_WORKERS', 'PLANNER_JOB_QUEUE', 'PLANNER_JOB_TIMEOUT_S']) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
});

const results = (query: string, lang = 'zh-CN') =>
  call(
    resultsLoader as never,
    makeRequest(`/api/scenarios/${SCENARIO}/results?${query}`, { headers: { 'Accept-Language': lang } }),
    { id: SCENARIO },
  );

describe('when the job pool cannot take the work', () => {
  it('a full queue answers 503 queueFull with Retry-After, at once', { timeout: 120_000 }, async () => {
    await poolWith({ PLANNER_JOB_WORKERS: '1', PLANNER_JOB_QUEUE: '1' });
    // One running, one waiting: the third has no place.
    const asked = [1, 2, 3, 4].map((seed) => results(`trials=2000&seed=${seed}`));
    const answers = await Promise.all(asked);
    const refused = answers.filter((a) => a.status === 503);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(2);
    expect(refused).toHaveLength(2);
    for (const answer of refused) {
      const { errors } = expectErrorShape(answer.body);
      expect(errors[0]).toMatchObject({ code: 'queueFull' });
      expect(errors[0]!.message).toMatch(/服务器正忙.*秒后重试/);
      expect(Number(answer.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1);
    }
    // The refused ones were not kept as answers: asked again, they are worked out.
    const again = await results('trials=2000&seed=4', 'en');
    expect(again.status).toBe(200);
  });

  it('a job over the time limit is stopped and answers 503 jobTimeout', { timeout: 120_000 }, async () => {
    await poolWith({ PLANNER_JOB_WORKERS: '1', PLANNER_JOB_TIMEOUT_S: '0.2' });
    const answer = await results('trials=10000&seed=99', 'en');
    expect(answer.status).toBe(503);
    const { errors } = expectErrorShape(answer.body);
    expect(errors[0]).toMatchObject({ code: 'jobTimeout' });
    expect(errors[0]!.message).toContain('longer than 0.2 seconds');
    expect(answer.headers.get('Retry-After')).toMatch(/^[1-9][0-9]*$/);
    const pdf = await call(
      pdfLoader as never,
      makeRequest(`/api/scenarios/${SCENARIO}/report.pdf`, { headers: { 'Accept-Language': 'zh-CN' } }),
      { id: SCENARIO },
    );
    expect(pdf.status).toBe(503);
    expect(expectErrorShape(pdf.body).errors[0]).toMatchObject({ code: 'jobTimeout' });
  });
});

describe('the work a request may ask for', () => {
  it(
    'the largest accepted case allows fewer trials; more are refused by name before any work',
    { timeout: 180_000 },
    async () => {
      const validated = validateScenario(largestAcceptedScenario());
      if (!validated.ok) throw new Error('the largest accepted case does not validate');
      const { id } = createScenario(validated.scenario, { savedBy: 'test', note: '' });
      const maximum = maxTrialsFor(validated.scenario);
      expect(maximum).toBeGreaterThanOrEqual(100);
      expect(maximum).toBeLessThan(10_000);
      const ask = (trials: number) =>
        call(
          resultsLoader as never,
          makeRequest(`/api/scenarios/${id}/results?trials=${trials}&seed=1`, {
            headers: { 'Accept-Language': 'en' },
          }),
          { id },
        );
      const t0 = performance.now();
      const refused = await ask(maximum + 100);
      expect(performance.now() - t0).toBeLessThan(2000);
      expect(refused.status).toBe(400);
      expect(expectErrorShape(refused.body).errors).toEqual([
        {
          path: 'trials',
          code: 'trialsTooMany',
          message: expect.stringContaining(`At most ${maximum} trials`),
        },
      ]);
      // The fewest trials are worked out on the pool within its time limit.
      const answered = await ask(100);
      expect(answered.status).toBe(200);
    },
  );
});
