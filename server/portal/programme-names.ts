// Programmes named in the reader's language, for pages that list records by programme code.
import type { AppContext } from '../app-context.js';
import { describeProgrammes } from '../programmes/programmes.js';
import type { Language } from '../shared/language.js';

/** Every programme's name in `language`, by code. */
export async function programmeNames(app: AppContext, language: Language): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  let cursor: string | undefined;
  do {
    const page = await describeProgrammes(app, { limit: 500, cursor });
    for (const programme of page.items) names.set(programme.code, programme.names[language]);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return names;
}
