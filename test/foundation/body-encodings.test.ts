// A body the parser cannot read because of how it is sent (an unknown content encoding, a charset
// other than UTF-8) is the client's mistake: 415 unsupported_encoding as problem+json, never a 500.
import { expect } from 'chai';
import { harness } from '../support/harness.js';

const credentials = JSON.stringify({ email: 'someone@test.example', password: 'not checked' });

describe('request bodies the parser cannot read', () => {
  it('when the body has a content encoding the service does not inflate, then 415 unsupported_encoding', async () => {
    const res = await harness()
      .http.post('/v1/auth/token')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'compress')
      .send(credentials)
      .expect(415);
    expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(res.body).to.include({ status: 415, code: 'unsupported_encoding' });
  });

  it('when the JSON body declares a charset other than UTF-8, then 415 unsupported_encoding', async () => {
    const res = await harness()
      .http.post('/v1/auth/token')
      .set('Content-Type', 'application/json; charset=latin1')
      .send(credentials)
      .expect(415);
    expect(res.body).to.include({ status: 415, code: 'unsupported_encoding' });
  });
});
