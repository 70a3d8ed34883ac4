/** API.md's create rule as a store answers it: first write wins; same body again is a repeat; another body a conflict. */
export type CreateOutcome = 'created' | 'repeat' | 'conflict';
