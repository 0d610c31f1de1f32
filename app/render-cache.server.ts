/**
 * Rendered pages, kept in memory. A page is a pure function of its address and its loaders'
 * data (versions are immutable; the language is in the root loader's data), so the HTML for
 * the same key can be served again with only the CSP nonce swapped. Rendering the dashboard's
 * charts on the server is the expensive part; its loaders are cheap.
 */
import { createHash, randomBytes } from 'node:crypto';

/** Stands in for the nonce in cached HTML; replaced by each request's own. */
export const NONCE_PLACEHOLDER = `nonce-${randomBytes(12).toString('hex')}`;

const MAX_ENTRIES = 300;
const MAX_BYTES = 64 * 1024 * 1024;

const pages = new Map<string, string>();
let bytes = 0;

export function pageKey(url: string, loaderData: unknown): string {
  return createHash('sha256').update(url).update('\n').update(JSON.stringify(loaderData)).digest('base64url');
}

export function cachedPage(key: string, nonce: string): string | null {
  const html = pages.get(key);
  if (html === undefined) return null;
  // Refresh its place: the map's order is least recently used first.
  pages.delete(key);
  pages.set(key, html);
  return html.replaceAll(NONCE_PLACEHOLDER, nonce);
}

export function storePage(key: string, html: string): void {
  if (html.length > MAX_BYTES / 8) return;
  pages.set(key, html);
  bytes += html.length;
  for (const [oldest, page] of pages) {
    if (pages.size <= MAX_ENTRIES && bytes <= MAX_BYTES) break;
    pages.delete(oldest);
    bytes -= page.length;
  }
}
