/** What the server passes to every loader and action (see server.js). */
export interface PlannerLoadContext {
  cspNonce?: string;
}
