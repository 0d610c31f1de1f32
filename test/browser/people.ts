/**
 * What a person does on the planner's pages, for the browser tests: find a part by its name, a
 * box by its label, a choice by its label, press a named button, and wait until the page it
 * brings is drawn (Remix navigates in the page: the router must be idle, React done).
 */
import type { Locator, Page } from 'playwright-core';

import { hydrated } from './server';

export type Scope = Page | Locator;

interface RouterWindow {
  __remixRouter?: {
    state: { navigation: { state: string }; revalidation: string };
    subscribe: (fn: (state: { navigation: { state: string } }) => void) => () => void;
  };
  __busySeen?: boolean;
  __unsubscribe?: () => void;
}

/** The router has nothing in flight and React has drawn what it brought. */
export async function settled(p: Page): Promise<void> {
  await p.waitForFunction(() => {
    const router = (window as RouterWindow).__remixRouter;
    return router?.state.navigation.state === 'idle' && router.state.revalidation === 'idle';
  });
  await hydrated(p);
}

/** Presses a submit button by its exact name and waits until the page it brings is drawn. */
export async function press(p: Page, name: string, scope: Scope = p): Promise<void> {
  await settled(p);
  await p.evaluate(() => {
    const w = window as RouterWindow;
    w.__unsubscribe?.();
    w.__busySeen = false;
    w.__unsubscribe = w.__remixRouter!.subscribe((state) => {
      if (state.navigation.state !== 'idle') w.__busySeen = true;
    });
  });
  await scope.getByRole('button', { name, exact: true }).click();
  await p.waitForFunction(() => (window as RouterWindow).__busySeen === true);
  await settled(p);
}

export const region = (scope: Scope, name: string) => scope.getByRole('region', { name, exact: true });
/** The main box of a field (an uncertain number also has "…, low"/"… 最低值" boxes). */
export const box = (scope: Scope, name: string) => scope.getByRole('textbox', { name, exact: true });
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A choice by its label; a choice inside its label is named with its chosen option after it. */
export const combobox = (scope: Scope, name: string) =>
  scope.getByRole('combobox', { name: new RegExp(`^${escapeRe(name)}( |$)`) });

/**
 * The versions page's table of versions, one record per row keyed by its column's header
 * ("版本", "保存人", "审批状态", … or "Version", "Saved by", "Approval", …).
 */
export function versionsTable(p: Page): Promise<Record<string, string>[]> {
  return p.locator('[data-testid=versions-table]').evaluate((table) => {
    const heads = [...table.querySelectorAll('thead th')].map((th) => (th.textContent ?? '').trim());
    return [...table.querySelectorAll('tbody tr')].map((tr) =>
      Object.fromEntries(
        [...tr.querySelectorAll('td')].map((td, i) => [heads[i] || `#${i}`, (td.textContent ?? '').trim()]),
      ),
    );
  });
}

/** Who the versions page says saved each version: { "1": "wang.planner", … }. */
export async function savedByOnVersionsPage(p: Page, id: string): Promise<Record<string, string>> {
  await p.goto(`/scenarios/${id}/versions`);
  await hydrated(p);
  const rows = await versionsTable(p);
  return Object.fromEntries(
    rows.map((r) => [r['版本'] ?? r['Version'] ?? '', r['保存人'] ?? r['Saved by'] ?? '']),
  );
}
