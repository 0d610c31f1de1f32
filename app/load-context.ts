/** What the server passes to every loader and action (see server.js). */
export interface PlannerLoadContext {
  cspNonce?: string;
  /** The client's address as the server saw it (behind a trusted proxy, X-Forwarded-For's first). */
  clientAddress?: string;
}
