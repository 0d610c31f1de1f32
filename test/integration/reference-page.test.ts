/**
 * The reference page's loader: pages of 50 figures filtered on the server, every word in the
 * page's language, and an address with a wrong filter or page answered 400 with a message that
 * names it (the page still shows, unfiltered by the bad value).
 */
import { afterAll, describe, expect, it } from 'vitest';

import { loader as referenceLoader } from '~/routes/reference';

import { call, closeAndRemoveTempDatabases, makeRequest, useTempDatabase } from './helpers';

useTempDatabase('reference-page');
afterAll(() => closeAndRemoveTempDatabases());

interface Row {
  id: string;
  row: string;
  label: string;
  value: number | null;
  shown: string | null;
  range: string | null;
  year: string;
  region: string;
  grade: string;
  usable: boolean;
  notes: string | null;
  source: { href: string | null; text: string; lang: string | null };
}
interface Page {
  query: { q: string; topic: string | null; grade: string | null; usable: boolean; page: number };
  total: number;
  pages: number;
  first: number;
  problem: string | null;
  currencyNote: string;
  rows: Row[];
}

const open = (query: string, lang = 'zh-CN') =>
  call<Page>(referenceLoader, makeRequest(`/reference${query}`, { headers: { 'Accept-Language': lang } }));

describe('reference page', () => {
  it('shows 50 figures a page, of 596 in 12 pages', async () => {
    const first = await open('');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ total: 596, pages: 12, first: 0, problem: null });
    expect(first.body.rows).toHaveLength(50);
    expect(first.body.rows[0]!.id).toBe('1.1.2007');
    const last = await open('?page=12');
    // 596 − 11 × 50 = 46 on the last page.
    expect(last.body.rows).toHaveLength(46);
    expect(last.body.first).toBe(550);
    const all = [
      first,
      ...(await Promise.all([2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((p) => open(`?page=${p}`)))),
      last,
    ];
    const ids = all.flatMap((p) => p.body.rows.map((r) => r.id));
    expect(new Set(ids).size).toBe(596);
  });

  it('says each figure in Chinese on a Chinese page, in English on an English one', async () => {
    const zh = (await open('?q=3.1')).body.rows.find((r) => r.id === '3.1')!;
    expect(zh).toMatchObject({
      row: '3.1',
      value: 120_698,
      shown: '12.0698 万元/年',
      grade: 'A 级',
      usable: true,
    });
    expect(zh.region).toMatch(/[\u4e00-\u9fff]/);
    const en = (await open('?q=3.1', 'en')).body.rows.find((r) => r.id === '3.1')!;
    expect(en).toMatchObject({ shown: '120,698 CNY/year', grade: 'A' });
    const derived = (await open('?q=1.24')).body.rows.find((r) => r.id === '1.24')!;
    expect(derived.grade).toBe('推算');
    expect(derived.source).toEqual({ href: null, text: '由其他数据推算', lang: null });
    const cited = (await open('?q=1.1.2007')).body.rows[0]!;
    expect(cited.notes).toBe('Liang et al., JMIR Med Inform 2020;8(2):e17006.');
    expect(cited.source).toMatchObject({
      href: 'https://medinform.jmir.org/2020/2/e17006',
      text: 'medinform.jmir.org',
    });
    expect((await open('')).body.currencyNote).toMatch(/^美元折算人民币按 7\.18 元\/美元/);
  });

  it('filters on the server: a search in either language, a topic, a grade, usable only', async () => {
    // The same figures whether searched in English or in Chinese (a region word).
    const english = await open('?q=Pengpu');
    const chinese = await open(`?q=${encodeURIComponent('彭浦')}`);
    expect(english.body.rows.map((r) => r.id)).toEqual(chinese.body.rows.map((r) => r.id));
    expect(english.body.total).toBeGreaterThan(0);

    const salaries = await open('?topic=salary');
    expect(salaries.body.total).toBeGreaterThan(0);
    expect(salaries.body.total).toBeLessThan(596);
    const notFound = await open('?grade=notFound');
    // The 35 NOT FOUND rows (test/reference.test.ts lists them).
    expect(notFound.body.total).toBe(35);
    expect(notFound.body.rows.every((r) => r.shown === null && r.grade === '未找到')).toBe(true);
    const usable = await open('?usable=1&grade=C');
    expect(usable.body.total).toBe(0);
    const usableB = await open('?usable=1&grade=B');
    expect(usableB.body.rows.every((r) => r.usable)).toBe(true);
    // A form's "all" choice sends an empty value: no filter.
    expect((await open('?topic=&grade=&q=')).body.total).toBe(596);
  });

  it('answers a wrong address with 400 and a message naming what was wrong, never a crash', async () => {
    const bad = await open('?page=0&topic=gossip&grade=Z&usable=yes');
    expect(bad.status).toBe(400);
    expect(bad.body.total).toBe(596);
    expect(bad.body.problem).toBe(
      '这个地址中的筛选条件有误，已改为显示全部数据：没有这个类别；没有这个证据等级；“只看可作默认值的”只能勾选或不勾选；页码应为 1 到 12 之间的整数。',
    );
    const beyond = await open('?page=13', 'en');
    expect(beyond.status).toBe(400);
    expect(beyond.body.query.page).toBe(1);
    expect(beyond.body.problem).toBe(
      'Some filters in this address are not valid, so all figures are shown: the page is a whole number from 1 to 12.',
    );
    for (const query of [
      '?page=1.5',
      '?page=-2',
      '?page=abc',
      `?q=${'x'.repeat(101)}`,
      '?page=99999999999',
    ]) {
      const answer = await open(query);
      expect(answer.status, query).toBe(400);
      expect(answer.body.problem, query).toBeTruthy();
    }
  });
});
