/**
 * The JavaScript a browser loads for the dashboard: the entry module, and every route module
 * from the root down to the dashboard route, each with its imports (shared chunks), read from
 * the Remix asset manifest of the current build and measured gzipped (zlib, default level).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface JsFile {
  /** Public URL path, e.g. /build/_shared/chunk-X.js */
  url: string;
  bytes: number;
  gzBytes: number;
}

export interface JsSize {
  manifest: string;
  files: JsFile[];
  bytes: number;
  gzBytes: number;
}

interface ManifestEntry {
  module: string;
  imports?: string[];
  parentId?: string;
}

interface Manifest {
  entry: ManifestEntry;
  routes: Record<string, ManifestEntry>;
}

/** The manifest named by the server build, else the newest one in the assets directory. */
function manifestFile(root: string, assetsDir: string): string {
  const serverBuild = join(root, 'build', 'index.js');
  if (existsSync(serverBuild)) {
    const named = /\/build\/(manifest-[A-Za-z0-9]+\.js)/.exec(readFileSync(serverBuild, 'utf8'));
    if (named && existsSync(join(assetsDir, named[1]!))) return join(assetsDir, named[1]!);
  }
  const candidates = existsSync(assetsDir)
    ? readdirSync(assetsDir)
        .filter((f) => /^manifest-.*\.js$/.test(f))
        .map((f) => join(assetsDir, f))
        .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)
    : [];
  if (!candidates[0]) throw new Error(`no Remix manifest in ${assetsDir}: run \`remix build\` first`);
  return candidates[0];
}

export function parseManifest(text: string): Manifest {
  const json = text
    .trim()
    .replace(/^window\.__remixManifest\s*=\s*/, '')
    .replace(/;\s*$/, '');
  return JSON.parse(json) as Manifest;
}

/** Gzipped size of the given public URL paths (deduplicated), largest first. */
export function measureUrls(publicDir: string, urls: Iterable<string>): JsFile[] {
  return [...new Set(urls)]
    .map((url) => {
      const content = readFileSync(join(publicDir, url.replace(/^\//, '')));
      return { url, bytes: content.length, gzBytes: gzipSync(content).length };
    })
    .sort((a, b) => b.gzBytes - a.gzBytes);
}

export function dashboardJsSize(root: string, routeId: string): JsSize {
  const publicDir = join(root, 'public');
  const manifestPath = manifestFile(root, join(publicDir, 'build'));
  const manifest = parseManifest(readFileSync(manifestPath, 'utf8'));
  const chain: ManifestEntry[] = [];
  for (let id: string | undefined = routeId; id;) {
    const route: ManifestEntry | undefined = manifest.routes[id];
    if (!route) throw new Error(`route ${id} is not in ${manifestPath}`);
    chain.push(route);
    id = route.parentId;
  }
  const urls = [manifest.entry, ...chain.reverse()].flatMap((m) => [m.module, ...(m.imports ?? [])]);
  const files = measureUrls(publicDir, urls);
  return {
    manifest: manifestPath,
    files,
    bytes: files.reduce((s, f) => s + f.bytes, 0),
    gzBytes: files.reduce((s, f) => s + f.gzBytes, 0),
  };
}
