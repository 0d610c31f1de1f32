/**
 * What an input's evidence says, in the reader's language: notes, sources and methods may be
 * plain text (older documents) or the same text in both product languages.
 */
import { describe, expect, it } from 'vitest';

import { evidenceDetail, evidenceNote, evidenceWithNote } from '~/catalogue/evidence';
import { evidenceSchema, localizedNoteSchema, type Evidence } from '~/engine/schema';

const both = { 'zh-CN': '厂商宣传材料', en: 'vendor brochure' };

describe('localizedNoteSchema', () => {
  it('accepts plain text (also empty), one language or both', () => {
    for (const text of ['a note', '', both, { 'zh-CN': '只有中文' }, { en: 'English only' }])
      expect(localizedNoteSchema.safeParse(text)).toMatchObject({ success: true, data: text });
  });

  it('refuses an object with no language, an empty language, another language or a number', () => {
    for (const text of [{}, { 'zh-CN': '' }, { en: 'x', fr: 'y' }, 3])
      expect(localizedNoteSchema.safeParse(text).success, JSON.stringify(text)).toBe(false);
  });

  it('keeps each field’s length limit in every language', () => {
    expect(localizedNoteSchema.safeParse({ en: 'x'.repeat(2000) }).success).toBe(true);
    expect(localizedNoteSchema.safeParse({ en: 'x'.repeat(2001) }).success).toBe(false);
    const claimed = (source: unknown) => evidenceSchema.safeParse({ kind: 'claimed', source }).success;
    expect(claimed({ 'zh-CN': '中'.repeat(500) })).toBe(true);
    expect(claimed({ 'zh-CN': '中'.repeat(501) })).toBe(false);
    expect(claimed('x'.repeat(501))).toBe(false);
  });
});

describe('evidenceDetail', () => {
  const claimed: Evidence = { kind: 'claimed', source: both, note: { 'zh-CN': '需实测', en: 'measure it' } };
  const measured: Evidence = {
    kind: 'measured',
    n: 12,
    from: '2026-01-01',
    to: '2026-03-31',
    method: { 'zh-CN': '计时观察', en: 'time-motion observation' },
    note: { 'zh-CN': '计时.csv', en: 'timings.csv' },
  };
  const assumed: Evidence = {
    kind: 'assumed',
    note: { 'zh-CN': '由委员会决定。', en: "The committee's decision." },
  };

  it('gives the source, method or note in the language asked for', () => {
    expect(evidenceDetail(claimed, 'zh-CN')).toBe('厂商宣传材料');
    expect(evidenceDetail(claimed, 'en')).toBe('vendor brochure');
    expect(evidenceDetail(measured, 'zh-CN')).toBe('n=12, 2026-01-01–2026-03-31, 计时观察');
    expect(evidenceDetail(measured, 'en')).toBe('n=12, 2026-01-01–2026-03-31, time-motion observation');
    expect(evidenceDetail(assumed, 'zh-CN')).toBe('由委员会决定。');
    expect(evidenceDetail(assumed, 'en')).toBe("The committee's decision.");
  });

  it('falls back to the other language, and shows plain text as it is', () => {
    expect(evidenceDetail({ kind: 'claimed', source: { en: 'vendor brochure' } }, 'zh-CN')).toBe(
      'vendor brochure',
    );
    expect(evidenceDetail({ kind: 'assumed', note: { 'zh-CN': '本院估计' } }, 'en')).toBe('本院估计');
    expect(evidenceDetail({ kind: 'measured', n: 3, method: 'pilot log' }, 'zh-CN')).toBe('n=3, pilot log');
    expect(evidenceDetail({ kind: 'claimed' }, 'en')).toBe('');
  });

  it('leaves the note of measured and claimed evidence to evidenceNote, in the same language', () => {
    expect(evidenceNote(claimed, 'zh-CN')).toBe('需实测');
    expect(evidenceNote(measured, 'en')).toBe('timings.csv');
    expect(evidenceNote(assumed, 'zh-CN')).toBe('');
  });

  it('gives a report the detail and the note together, once each', () => {
    expect(evidenceWithNote(claimed, 'zh-CN')).toBe('厂商宣传材料；需实测');
    expect(evidenceWithNote(measured, 'en')).toBe(
      'n=12, 2026-01-01–2026-03-31, time-motion observation; timings.csv',
    );
    // An assumed input's note is its detail: not repeated.
    expect(evidenceWithNote(assumed, 'en')).toBe("The committee's decision.");
    expect(evidenceWithNote({ kind: 'claimed' }, 'en')).toBe('');
  });
});
