/**
 * A budget figure typed in a 万元 box, as people type it: a bare "120" is 120 万元, while
 * "800万", "1.2亿" and "3,000元" keep their own unit. The one number parser reads it.
 */
import { parseNumber, type ParsedNumber } from '~/forms/number';

export function parseWan(text: string): ParsedNumber {
  const read = parseNumber(text, 'money');
  if (!read.ok || /[万亿元¥￥]|CNY|RMB/i.test(text)) return read;
  return parseNumber(`${text.trim()}万`, 'money');
}
