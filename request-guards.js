/**
 * Two checks the server makes before any route sees a request, so that no single request can
 * crash a page or be answered for a site that is not this one:
 *
 * - the Host header must name this server (loopback, the machine's own names, or
 *   PLANNER_ALLOWED_HOSTS): a DNS-rebinding page reaches the server under its own name, and is
 *   answered 421 before it can read or change anything;
 * - a page (anything outside /api, which answers its own JSON errors) takes what a browser's
 *   form sends and nothing else: GET, HEAD and POST (405 with Allow otherwise), a POST body
 *   urlencoded or multipart (415 otherwise).
 *
 * Plain JavaScript with no dependency: server.js runs it as is, and the page
 * actions (app/http/page-form.server.ts) use the same refusals and words.
 */
import { hostname, networkInterfaces } from 'node:os';

/** What a page answers when it refuses a request, in both languages. */
export const GUARD_MESSAGES = {
  misdirected: {
    'zh-CN': '本服务器不以这个地址提供服务。请用服务器自己的地址打开。',
    en: 'This server does not answer under this address. Open it by its own address.',
  },
  methodNotAllowed: {
    'zh-CN': '页面只接受 GET 和 POST 请求（表单提交）。',
    en: 'Pages take GET and POST requests (form submissions) only.',
  },
  unsupportedMediaType: {
    'zh-CN': '页面只接受表单提交的内容（application/x-www-form-urlencoded 或 multipart/form-data）。',
    en: 'Pages take only what a form sends (application/x-www-form-urlencoded or multipart/form-data).',
  },
  badForm: {
    'zh-CN': '无法读取提交的表单内容，未保存任何内容。',
    en: 'The submitted form could not be read; nothing was saved.',
  },
};

/** The methods a page answers: what a browser's links and forms send. */
export const PAGE_METHODS = ['GET', 'HEAD', 'POST'];
/** The body types a browser's form sends. */
export const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/** The media type of a Content-Type header, lower-case and without parameters. */
export function mediaType(contentType) {
  return String(contentType ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
}

/**
 * Why a page refuses a request with this method and body type, or null:
 * `{ status: 405, code: 'methodNotAllowed', allow }` or `{ status: 415, code: 'unsupportedMediaType' }`.
 */
export function pageRequestRefusal(method, contentType) {
  const verb = String(method ?? '').toUpperCase();
  if (!PAGE_METHODS.includes(verb))
    return { status: 405, code: 'methodNotAllowed', allow: PAGE_METHODS.join(', ') };
  if (verb !== 'POST') return null;
  // A form's type with a body that is not a form (a multipart without its boundary, say) is
  // the action's to refuse, as 400: only it reads the body.
  if (!FORM_TYPES.includes(mediaType(contentType))) return { status: 415, code: 'unsupportedMediaType' };
  return null;
}

/**
 * The page language from the raw headers, as app/i18n/locale.server.ts reads it: the `lang`
 * cookie (Remix's encoding: base64 of the JSON string) if the user chose one, else the first
 * Chinese or English tag of Accept-Language by weight, else Chinese.
 */
export function requestLang(cookieHeader, acceptLanguage) {
  for (const part of String(cookieHeader ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name !== 'lang') continue;
    try {
      const value = JSON.parse(Buffer.from(decodeURIComponent(rest.join('=')), 'base64').toString('utf8'));
      if (value === 'zh-CN' || value === 'en') return value;
    } catch {
      // A cookie that does not decode says nothing: fall back to the browser's languages.
    }
  }
  const ranked = String(acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: (tag ?? '').toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

function refuse(req, res, status, code, headers = {}) {
  const lang = requestLang(req.headers.cookie, req.headers['accept-language']);
  res.status(status);
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Content-Language', lang);
  res.setHeader('Cache-Control', 'no-store');
  res.end(req.method === 'HEAD' ? undefined : GUARD_MESSAGES[code][lang]);
}

// ---------------------------------------------------------------------------------------------
// Host

/**
 * A host name as compared: lower-case, without port or trailing dot; an IPv6 address keeps its
 * brackets (`[::1]`). Null when the text is not a plain host name or address.
 */
export function hostName(raw) {
  let host = String(raw ?? '')
    .trim()
    .toLowerCase();
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    if (end < 0) return null;
    host = host.slice(0, end + 1);
    return /^\[[0-9a-f:.]+\]$/.test(host) ? host : null;
  }
  if (host.includes(':')) {
    const [name, port, ...more] = host.split(':');
    // A bare IPv6 address (from os.networkInterfaces) is written with brackets, as in a Host header.
    if (more.length > 0) return /^[0-9a-f:.]+$/.test(host) ? `[${host}]` : null;
    if (!/^[0-9]*$/.test(port)) return null;
    host = name;
  }
  host = host.replace(/\.$/, '');
  return /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(host) ? host : null;
}

/** Loopback: always this machine, and no other site's page can send these names. */
export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/**
 * The host names this server answers for: loopback, then either PLANNER_ALLOWED_HOSTS
 * (comma-separated; `*` for any) or, when it is unset, the machine's own name and its
 * non-internal addresses.
 */
export function allowedHosts(configured = process.env.PLANNER_ALLOWED_HOSTS) {
  const names = new Set(LOOPBACK_HOSTS);
  const listed =
    configured !== undefined && configured.trim() !== ''
      ? configured.split(',').map((s) => s.trim())
      : [hostname(), ...machineAddresses()];
  for (const entry of listed) {
    if (entry === '*') return null;
    const name = hostName(entry);
    if (name) names.add(name);
  }
  return names;
}

function machineAddresses() {
  const addresses = [];
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? [])
      // A link-local IPv6 address needs a zone (`%eth0`) no browser puts in a Host header.
      if (!a.internal && !(a.family === 'IPv6' && a.scopeid)) addresses.push(a.address);
  return addresses;
}

/** Answers 421 to a request whose Host is not one of `hosts` (null: any host). */
export function hostGuard(hosts = allowedHosts()) {
  return (req, res, next) => {
    if (hosts === null) return next();
    const name = hostName(req.headers.host);
    if (name !== null && hosts.has(name)) return next();
    refuse(req, res, 421, 'misdirected');
  };
}

// ---------------------------------------------------------------------------------------------
// Pages

/** Refuses on any page what no browser form sends (405, 415); /api answers for itself. */
export function pageRequestGuard() {
  return (req, res, next) => {
    if (req.path === '/api' || req.path.startsWith('/api/')) return next();
    const refusal = pageRequestRefusal(req.method, req.headers['content-type']);
    if (!refusal) return next();
    refuse(req, res, refusal.status, refusal.code, refusal.allow ? { Allow: refusal.allow } : {});
  };
}
