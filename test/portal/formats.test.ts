import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { formatDate, formatHours, formatMoney } from '../../server/portal/formats.js';
import { translator } from '../../server/portal/i18n.js';

type Catalogue = { [key: string]: string | Catalogue };
const keysOf = (catalogue: Catalogue, prefix = ''): string[] =>
  Object.entries(catalogue).flatMap(([key, value]) => (typeof value === 'string' ? [prefix + key] : keysOf(value, `${prefix}${key}.`)));
const catalogue = (language: string) => JSON.parse(readFileSync(`server/portal/locales/${language}.json`, 'utf8')) as Catalogue;

describe('Portal: amounts, hours, dates and texts per language', () => {
  it('when an amount is shown, then Dutch groups with dots and English with commas, to the cent, from its decimal string', () => {
    expect(formatMoney('1234.5', 'EUR', 'nl')).to.equal('EUR 1.234,50');
    expect(formatMoney('1234.5', 'GBP', 'en')).to.equal('GBP 1,234.50');
    expect(formatMoney('1234567890123.10', 'EUR', 'en')).to.equal('EUR 1,234,567,890,123.10');
    expect(formatMoney('-40', 'EUR', 'nl')).to.equal('EUR -40,00');
    expect(formatMoney('0', 'EUR', 'nl')).to.equal('EUR 0,00');
    expect(formatMoney('999.999', 'EUR', 'en')).to.equal('EUR 1,000.00');
  });

  it('when hours are shown, then they keep their quarters and use the language decimal mark', () => {
    expect(formatHours('1.5', 'nl')).to.equal('1,5');
    expect(formatHours('1.25', 'en')).to.equal('1.25');
    expect(formatHours('1200', 'nl')).to.equal('1.200');
  });

  it('when a date is shown, then it reads "4 december 2026" in Dutch and "4 December 2026" in English, whatever the time zone', () => {
    expect(formatDate('2026-12-04', 'nl')).to.equal('4 december 2026');
    expect(formatDate('2026-12-04', 'en')).to.equal('4 December 2026');
    expect(formatDate(new Date('2026-01-31T23:30:00Z'), 'en')).to.equal('31 January 2026');
  });

  it('when a text is looked up, then values fill its placeholders and an unknown key shows itself', () => {
    const t = translator('en');
    expect(t('common.signedInAs', { email: 'a@b.test' })).to.equal('Signed in as a@b.test');
    expect(t('common.signedInAs')).to.equal('Signed in as {email}');
    expect(t('no.such.key')).to.equal('no.such.key');
    expect(t('common')).to.equal('common');
  });

  it('when the catalogues are compared, then Dutch and English have the same keys', () => {
    expect(keysOf(catalogue('nl')).sort()).to.deep.equal(keysOf(catalogue('en')).sort());
  });

  it('when a template or page names a text by its whole key, then the catalogue has it (a gap would show the key to the reader)', () => {
    const known = new Set(keysOf(catalogue('en')));
    const sources = readdirSync('server/portal', { recursive: true, encoding: 'utf8' }).filter((file) => /\.(njk|ts)$/.test(file));
    const named = sources.flatMap((file) =>
      [...readFileSync(`server/portal/${file}`, 'utf8').matchAll(/\bt\(\s*["']([\w.]+)["']/g)]
        .map((match) => match[1]!)
        // A key ending in "." or "_" is a prefix the template completes (e.g. t("contest.status." + status)).
        .filter((key) => key.includes('.') && !/[._]$/.test(key))
        .map((key) => ({ file, key })),
    );
    expect(named.length, 'texts named in templates and pages').to.be.greaterThan(500);
    expect(named.filter(({ key }) => !known.has(key))).to.deep.equal([]);
  });
});
