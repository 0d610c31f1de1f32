import { describe, expect, it } from 'vitest';

import { auditActorLabel, auditObjectLabel } from '~/audit/labels';

describe('the audit page names what it stores', () => {
  it('names objects and the non-personal actors in the page language', () => {
    expect(auditObjectLabel('scenario', 'zh-CN')).toBe('规划');
    expect(auditObjectLabel('apiToken', 'en')).toBe('Personal token');
    // A type it does not know is shown as stored rather than hidden.
    expect(auditObjectLabel('somethingNew', 'zh-CN')).toBe('somethingNew');
    expect(auditActorLabel('first start', 'zh-CN')).toBe('系统首次启动');
    expect(auditActorLabel('command line (root)', 'zh-CN')).toBe('命令行（root）');
    expect(auditActorLabel('command line (root)', 'en')).toBe('Command line (root)');
    expect(auditActorLabel('李规划', 'zh-CN')).toBe('李规划');
  });
});
