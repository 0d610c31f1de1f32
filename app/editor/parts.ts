/** The parts of a case a page of the forms shows (the new-case steps show some, the editor all). */
export const PARTS = ['hospital', 'budget', 'workflows', 'options', 'settings'] as const;
export type Part = (typeof PARTS)[number];
