/**
 * The password policy the security admin sets (等保 2.0 §8.1.4.1 a: passwords of enough
 * complexity): by default at least 10 characters, of at least three of four kinds (lower-case,
 * upper-case, digits, anything else — a Chinese character counts as "anything else"), not
 * containing the user name, not one of the passwords everyone tries first.
 */
import type { Lang } from '~/engine/text';

export interface PasswordPolicy {
  minLength: number;
  minKinds: number;
}

export const PASSWORD_POLICY: PasswordPolicy = { minLength: 10, minKinds: 3 };
export const MAX_PASSWORD_LENGTH = 256;

const COMMON = new Set([
  'password',
  'password1',
  'password123',
  '12345678',
  '123456789',
  '1234567890',
  'qwertyuiop',
  'qwerty123',
  'admin123',
  'admin@123',
  'p@ssw0rd',
  'passw0rd',
  'iloveyou',
  'woaini1314',
  '1qaz2wsx',
  '1q2w3e4r',
  'abc123456',
]);

export type PasswordProblem =
  | { code: 'tooShort'; minLength: number }
  | { code: 'tooLong'; maxLength: number }
  | { code: 'tooFewKinds'; minKinds: number }
  | { code: 'containsUsername' }
  | { code: 'common' };

function kinds(password: string): number {
  let lower = false;
  let upper = false;
  let digit = false;
  let other = false;
  for (const ch of password) {
    if (/[a-z]/.test(ch)) lower = true;
    else if (/[A-Z]/.test(ch)) upper = true;
    else if (/[0-9]/.test(ch)) digit = true;
    else other = true;
  }
  return [lower, upper, digit, other].filter(Boolean).length;
}

export function passwordProblems(
  password: string,
  username: string,
  policy: PasswordPolicy,
): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < policy.minLength) problems.push({ code: 'tooShort', minLength: policy.minLength });
  if (length > MAX_PASSWORD_LENGTH) problems.push({ code: 'tooLong', maxLength: MAX_PASSWORD_LENGTH });
  if (kinds(password) < policy.minKinds) problems.push({ code: 'tooFewKinds', minKinds: policy.minKinds });
  const name = username.trim().toLowerCase();
  if (name.length >= 3 && password.toLowerCase().includes(name)) problems.push({ code: 'containsUsername' });
  if (COMMON.has(password.toLowerCase())) problems.push({ code: 'common' });
  return problems;
}

const KIND_NAMES = {
  'zh-CN': '小写字母、大写字母、数字、其他符号',
  en: 'lower-case letters, capitals, digits, other characters',
};

export function describePasswordProblem(problem: PasswordProblem, lang: Lang): string {
  const zh = lang === 'zh-CN';
  switch (problem.code) {
    case 'tooShort':
      return zh ? `至少 ${problem.minLength} 个字符` : `At least ${problem.minLength} characters`;
    case 'tooLong':
      return zh ? `最多 ${problem.maxLength} 个字符` : `At most ${problem.maxLength} characters`;
    case 'tooFewKinds':
      return zh
        ? `需包含以下四类中的至少 ${problem.minKinds} 类：${KIND_NAMES[lang]}`
        : `Use at least ${problem.minKinds} of these four kinds: ${KIND_NAMES.en}`;
    case 'containsUsername':
      return zh ? '不能包含用户名' : 'Must not contain the user name';
    case 'common':
      return zh
        ? '这是最常被猜中的密码之一，请换一个'
        : 'This is one of the passwords tried first; choose another';
  }
}

/** The rules in words, shown beside the new-password box before anything is typed. */
export function describePasswordPolicy(policy: PasswordPolicy, lang: Lang): string[] {
  return [
    describePasswordProblem({ code: 'tooShort', minLength: policy.minLength }, lang),
    describePasswordProblem({ code: 'tooFewKinds', minKinds: policy.minKinds }, lang),
    describePasswordProblem({ code: 'containsUsername' }, lang),
  ];
}
