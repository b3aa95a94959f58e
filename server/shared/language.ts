// The languages the service answers in (texts of decisions and refusals); English unless the
// caller prefers Dutch.
export const LANGUAGES = ['en', 'nl'] as const;

export type Language = (typeof LANGUAGES)[number];
