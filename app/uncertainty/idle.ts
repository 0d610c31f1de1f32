/**
 * Runs `work` once the page is idle (or after `timeoutMs` at the latest); answers a function
 * that calls it off. Browsers without requestIdleCallback wait a short while instead.
 */
export function whenIdle(work: () => void, timeoutMs = 2000): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(work, { timeout: timeoutMs });
    return () => cancelIdleCallback(id);
  }
  const id = window.setTimeout(work, 300);
  return () => window.clearTimeout(id);
}
