/** A field's element id from its form name: the error summary links to it (kept apart so the browser bundle needs nothing more). */
export const domId = (name: string) => `f-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
