import type { RequestHandler } from 'express';

/** See page-cache.js. */
export function pageCache(): RequestHandler;
