/**
 * The account rules with hand-worked times: lockout after five failures for fifteen minutes,
 * idle and absolute session timeouts, the password policy, one-time passwords, who may do what.
 */
import { describe, expect, it } from 'vitest';

import { afterFailure, afterSuccess, isLocked, LOCKOUT, type LockoutState } from '~/auth/lockout';
import { generateOneTimePassword } from '~/auth/one-time-password.server';
import { describePasswordProblem, PASSWORD_POLICY, passwordProblems } from '~/auth/password-policy';
import { can, HOSPITAL_ROLES, roleCovers, SYSTEM_ROLES, type Action } from '~/auth/roles';
import { SESSION_TIMES, sessionState, shouldRefresh } from '~/auth/session-times';
import { newToken, sameToken, tokenHash } from '~/auth/tokens.server';

const at = (hhmmss: string) => new Date(`2026-12-07T${hhmmss}Z`);

describe('lockout', () => {
  it('locks on the fifth failure in a row for fifteen minutes, then starts counting again', () => {
    let state: LockoutState = afterSuccess();
    for (let i = 1; i <= 4; i++) {
      const next = afterFailure(state, LOCKOUT, at('08:00:00'));
      expect(next.lockedNow).toBe(false);
      state = next.state;
      expect(state.failedLogins).toBe(i);
      expect(isLocked(state, at('08:00:00'))).toBe(false);
    }
    const fifth = afterFailure(state, LOCKOUT, at('08:00:10'));
    expect(fifth.lockedNow).toBe(true);
    expect(fifth.state).toEqual({ failedLogins: 0, lockedUntil: '2026-12-07T08:15:10.000Z' });
    expect(isLocked(fifth.state, at('08:15:09'))).toBe(true);
    expect(isLocked(fifth.state, at('08:15:10'))).toBe(false);
    // After the lock, one more failure is the first of a new count.
    expect(afterFailure(fifth.state, LOCKOUT, at('08:20:00'))).toEqual({
      state: { failedLogins: 1, lockedUntil: '2026-12-07T08:15:10.000Z' },
      lockedNow: false,
    });
  });
});

describe('session times', () => {
  const session = { createdAt: at('08:00:00'), lastSeenAt: at('10:00:00') };
  it('ends after 30 idle minutes, and after 12 hours whatever its use', () => {
    expect(sessionState(session, SESSION_TIMES, at('10:29:59'))).toBe('active');
    expect(sessionState(session, SESSION_TIMES, at('10:30:00'))).toBe('idle');
    const busy = { createdAt: at('08:00:00'), lastSeenAt: at('19:59:00') };
    expect(sessionState(busy, SESSION_TIMES, at('19:59:59'))).toBe('active');
    expect(sessionState(busy, SESSION_TIMES, at('20:00:00'))).toBe('expired');
  });
  it('writes its last-seen time at most once a minute', () => {
    expect(shouldRefresh(at('10:00:00'), at('10:00:59'))).toBe(false);
    expect(shouldRefresh(at('10:00:00'), at('10:01:00'))).toBe(true);
  });
});

describe('the password policy', () => {
  it('wants ten characters of three kinds, not the user name, not a common one', () => {
    const codes = (p: string, user = 'zhangsan') =>
      passwordProblems(p, user, PASSWORD_POLICY).map((x) => x.code);
    expect(codes('Short1!')).toEqual(['tooShort']);
    expect(codes('alllowercaseletters')).toEqual(['tooFewKinds']);
    expect(codes('lowercase123456')).toEqual(['tooFewKinds']);
    expect(codes('Lowercase123456')).toEqual([]);
    expect(codes('医院规划用的密码abc1')).toEqual([]);
    expect(codes('Zhangsan-2026!')).toEqual(['containsUsername']);
    expect(codes('P@ssw0rd', 'li')).toEqual(['tooShort', 'common']);
    expect(codes('x'.repeat(300) + 'A1')).toEqual(['tooLong']);
  });
  it('says what is wrong in both languages', () => {
    const [tooShort] = passwordProblems('abc', 'li', PASSWORD_POLICY);
    expect(describePasswordProblem(tooShort!, 'zh-CN')).toBe('至少 10 个字符');
    expect(describePasswordProblem(tooShort!, 'en')).toBe('At least 10 characters');
    expect(describePasswordProblem({ code: 'tooFewKinds', minKinds: 3 }, 'zh-CN')).toBe(
      '需包含以下四类中的至少 3 类：小写字母、大写字母、数字、其他符号',
    );
  });
  it('one-time passwords meet it and are never the same', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const otp = generateOneTimePassword();
      expect(otp).toHaveLength(16);
      expect(otp).not.toMatch(/[0O1lI]/);
      expect(passwordProblems(otp, 'admin', PASSWORD_POLICY)).toEqual([]);
      seen.add(otp);
    }
    expect(seen.size).toBe(200);
  });
});

describe('tokens', () => {
  it('are random, stored as SHA-256, compared in constant time', () => {
    const a = newToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newToken()).not.toBe(a);
    expect(tokenHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sameToken(a, a)).toBe(true);
    expect(sameToken(a, `${a}x`)).toBe(false);
  });
});

describe('who may do what', () => {
  const ACTIONS: Action[] = [
    'read',
    'export',
    'runWhatIf',
    'save',
    'import',
    'share',
    'approve',
    'manageHospitalUsers',
    'manageSettings',
    'manageHospitals',
    'manageAccounts',
    'readAudit',
    'exportAudit',
    'purgeAudit',
  ];
  const allowed = (role: Parameters<typeof can>[0]) => ACTIONS.filter((a) => can(role, a));
  it('gives each role what the issue says, and the system roles nothing of each other’s', () => {
    expect(allowed('viewer')).toEqual(['read', 'export', 'runWhatIf']);
    expect(allowed('planner')).toEqual(['read', 'export', 'runWhatIf', 'save', 'import', 'share']);
    expect(allowed('approver')).toEqual(['read', 'export', 'runWhatIf', 'approve']);
    expect(allowed('hospital-admin')).toEqual(['read', 'export', 'runWhatIf', 'manageHospitalUsers']);
    expect(allowed('system-admin')).toEqual(['manageSettings', 'manageHospitals']);
    expect(allowed('security-admin')).toEqual(['manageAccounts']);
    expect(allowed('audit-admin')).toEqual(['readAudit', 'exportAudit', 'purgeAudit']);
    for (const a of SYSTEM_ROLES)
      for (const b of SYSTEM_ROLES)
        if (a !== b) {
          expect(allowed(a).filter((x) => allowed(b).includes(x))).toEqual([]);
        }
  });
  it('a token may have at most its holder’s role', () => {
    expect(roleCovers('planner', 'viewer')).toBe(true);
    expect(roleCovers('viewer', 'planner')).toBe(false);
    expect(roleCovers('approver', 'planner')).toBe(false);
    for (const role of HOSPITAL_ROLES) expect(roleCovers(role, role)).toBe(true);
  });
});
