/** Names of the model's concepts: complete in both languages, and labels that start right. */
import { describe, expect, it } from 'vitest';

import { CATEGORY_NAMES, OPTION_KIND_NAMES, ROLE_NAMES, termLabel } from '~/i18n/terms';

describe('terms', () => {
  it('start with a capital when they stand alone in English, and are unchanged in Chinese', () => {
    expect(termLabel(ROLE_NAMES.physician, 'en')).toBe('Physician');
    expect(termLabel(ROLE_NAMES.it, 'en')).toBe('IT');
    expect(termLabel(CATEGORY_NAMES.compute, 'en')).toBe('Compute');
    expect(termLabel(OPTION_KIND_NAMES.pilot, 'en')).toBe('Pilot');
    expect(termLabel(ROLE_NAMES.physician, 'zh-CN')).toBe('医师');
    // Inside a sentence the term itself stays lower case.
    expect(ROLE_NAMES.physician.en).toBe('physician');
  });

  it('name every role, category and kind in both languages', () => {
    for (const terms of [ROLE_NAMES, CATEGORY_NAMES, OPTION_KIND_NAMES]) {
      for (const term of Object.values(terms)) {
        expect(term['zh-CN'].length).toBeGreaterThan(0);
        expect(term.en.length).toBeGreaterThan(0);
      }
    }
  });
});
