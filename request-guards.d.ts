import type { RequestHandler } from 'express';

/** See request-guards.js. */
export type GuardCode = 'misdirected' | 'methodNotAllowed' | 'unsupportedMediaType' | 'badForm';
export const GUARD_MESSAGES: Record<GuardCode, Record<'zh-CN' | 'en', string>>;
export const PAGE_METHODS: readonly string[];
export const FORM_TYPES: readonly string[];
export const LOOPBACK_HOSTS: readonly string[];
export function mediaType(contentType: string | null | undefined): string;
export function pageRequestRefusal(
  method: string,
  contentType: string | null | undefined,
):
  | { status: 405; code: 'methodNotAllowed'; allow: string }
  | { status: 415; code: 'unsupportedMediaType' }
  | null;
export function requestLang(
  cookieHeader: string | null | undefined,
  acceptLanguage: string | null | undefined,
): 'zh-CN' | 'en';
export function hostName(raw: string | null | undefined): string | null;
export function allowedHosts(configured?: string): Set<string> | null;
export function hostGuard(hosts?: Set<string> | null): RequestHandler;
export function pageRequestGuard(): RequestHandler;
