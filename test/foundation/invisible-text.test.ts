// Text shown to citizens and staff must show what is stored: characters that are invisible or
// turn the text around are refused, naming the field and the character.
import { expect } from 'chai';
import { lineSchema, storableJson, textSchema } from '../../server/http/schemas.js';
import { z } from 'zod';
import { createActor } from '../support/actors.js';
import { harness } from '../support/harness.js';

const INVISIBLE: [string, string][] = [
  ['\u202e', 'U+202E'], // right-to-left override
  ['\u202a', 'U+202A'],
  ['\u2066', 'U+2066'], // left-to-right isolate
  ['\u2069', 'U+2069'],
  ['\u200f', 'U+200F'], // right-to-left mark
  ['\u061c', 'U+061C'], // Arabic letter mark
  ['\u200b', 'U+200B'], // zero-width space
  ['\u200d', 'U+200D'], // zero-width joiner
  ['\u2060', 'U+2060'], // word joiner
  ['\ufeff', 'U+FEFF'], // byte order mark
  ['\u00ad', 'U+00AD'], // soft hyphen
  ['\u2028', 'U+2028'], // line separator
  ['\ufffe', 'U+FFFE'], // noncharacters
  ['\uffff', 'U+FFFF'],
  ['\ufdd0', 'U+FDD0'],
  ['\u{10ffff}', 'U+10FFFF'],
  ['\u{e0041}', 'U+E0041'], // a tag character
];

describe('invisible and direction-changing characters', () => {
  it('when a line, a text or free JSON holds one, then it is refused naming the character', () => {
    for (const [char, point] of INVISIBLE) {
      for (const schema of [lineSchema(100), textSchema(100)]) {
        const result = schema.safeParse(`Jan${char}ssens`);
        expect(result.success, point).to.equal(false);
        expect(
          result.error?.issues.map((issue) => issue.message),
          point,
        ).to.include(`must not contain ${point}, an invisible or direction-changing character`);
      }
      const json = storableJson(z.record(z.string(), z.unknown())).safeParse({ reasons: [`a${char}b`], [`k${char}`]: 1 });
      expect(
        json.error?.issues.map((issue) => issue.path),
        point,
      ).to.deep.equal([['reasons', 0], [`k${char}`]]);
    }
  });

  it('when text is in any script, with accents, emoji or line breaks, then it is accepted', () => {
    for (const text of ['Zoë Van den Broeck-Ñúñez', 'محمد الحسيني', 'שרה כהן', '李小龍', 'Ŏ Tae-sŏng 🙂', 'Ἀθηνᾶ']) {
      expect(lineSchema(100).safeParse(text).success, text).to.equal(true);
    }
    expect(textSchema(100).safeParse('First line\nsecond line\ttabbed').success).to.equal(true);
  });

  it('when a centre is registered with a right-to-left override in its name, then 400 naming /name', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const res = await h.http
      .post('/v1/centres')
      .set(admin.auth)
      .send({ name: 'Loopbaan\u202egpj.exe', enterpriseNumber: '0123.456.749', email: 'rtl@centre.example' })
      .expect(400);
    expect(res.body.code).to.equal('validation_failed');
    expect(res.body.errors).to.deep.include({
      path: '/name',
      message: 'must not contain U+202E, an invisible or direction-changing character',
    });
  });

  it('when a budget note holds a zero-width space, then 400 naming /note', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const res = await h.http
      .post('/v1/programmes/LBC/budget')
      .set(admin.auth)
      .set('Idempotency-Key', `invisible-${Date.now()}`)
      .send({ amount: '10.00', note: 'top\u200bup' })
      .expect(400);
    expect(res.body.errors).to.deep.include({
      path: '/note',
      message: 'must not contain U+200B, an invisible or direction-changing character',
    });
  });
});
