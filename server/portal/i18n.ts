// Every string a portal page shows comes from a catalogue per language (locales/en.json and
// locales/nl.json, same keys). The language is the one the visitor chose with the switch (a
// cookie), else the first of theirs we speak (Accept-Language), else English.
import { readFileSync } from 'node:fs';
import type { Request } from 'express';
import { LANGUAGES, type Language } from '../shared/language.js';

export const LANGUAGE_COOKIE = 'lang';

type Catalogue = { [key: string]: string | Catalogue };
export type Translate = (key: string, values?: Record<string, string | number>) => string;

const catalogues: Record<Language, Catalogue> = {
  en: JSON.parse(readFileSync(new URL('./locales/en.json', import.meta.url), 'utf8')) as Catalogue,
  nl: JSON.parse(readFileSync(new URL('./locales/nl.json', import.meta.url), 'utf8')) as Catalogue,
};

/** The text at a dotted key ('login.title'), or undefined. */
export function lookUp(language: Language, key: string): string | undefined {
  let node: string | Catalogue | undefined = catalogues[language];
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

/** A missing key shows itself, so a gap is visible on the page (a test holds the catalogues to the same keys). */
export function translator(language: Language): Translate {
  return (key, values = {}) =>
    (lookUp(language, key) ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

export const isLanguage = (value: unknown): value is Language => LANGUAGES.includes(value as Language);

export function pageLanguage(req: Request): Language {
  const chosen = cookieValue(req.headers.cookie, LANGUAGE_COOKIE);
  if (isLanguage(chosen)) return chosen;
  return req.acceptsLanguages(...LANGUAGES) === 'nl' ? 'nl' : 'en';
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}
