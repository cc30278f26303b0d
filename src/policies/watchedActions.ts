// What a watched word does when it matches. The matching lives in src/moderation/watchedWords.ts;
// the names live here so that policies (the post queue) and the collection share them.

/** "context" and "past" only lower a crisis match to a flag (src/moderation/watchedWords.ts). */
export const WATCHED_ACTIONS = ['crisis', 'block', 'require-approval', 'flag', 'context', 'past'] as const
/** Any action a watched-word entry may carry. */
export type EntryAction = (typeof WATCHED_ACTIONS)[number]
/** What triage can decide for a text: the lowering actions never come out of it. */
export type WatchedAction = Exclude<EntryAction, 'context' | 'past'>
