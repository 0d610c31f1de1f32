/** A time as people in the hospital read it: Beijing time, to the second ("2026-12-07 21:58:32"). */
export function beijingTime(iso: string): string {
  const parts = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

/** The day alone, in Beijing time ("2026-12-07"). */
export const beijingDate = (iso: string): string => beijingTime(iso).slice(0, 10);

/** To the minute, for tables ("2026-12-07 21:58"). */
export const beijingMinute = (iso: string): string => beijingTime(iso).slice(0, 16);
