/** When a session ends: idle too long, or too old whatever its use (等保 2.0 §8.1.4.1 c). */

export interface SessionTimes {
  idleMinutes: number;
  absoluteHours: number;
}

export const SESSION_TIMES: SessionTimes = { idleMinutes: 30, absoluteHours: 12 };

/** A session's last-seen time is written at most this often: reading a page should not write each time. */
export const REFRESH_EVERY_MS = 60_000;

export function sessionState(
  session: { createdAt: Date; lastSeenAt: Date },
  times: SessionTimes,
  now: Date,
): 'active' | 'idle' | 'expired' {
  if (now.getTime() - session.createdAt.getTime() >= times.absoluteHours * 3_600_000) return 'expired';
  if (now.getTime() - session.lastSeenAt.getTime() >= times.idleMinutes * 60_000) return 'idle';
  return 'active';
}

export const shouldRefresh = (lastSeenAt: Date, now: Date): boolean =>
  now.getTime() - lastSeenAt.getTime() >= REFRESH_EVERY_MS;
