import { expect } from 'chai';
import { harness } from '../support/harness.js';

describe('operations', () => {
  it('when the database answers, then /health says ok', async () => {
    const res = await harness().http.get('/health').expect(200);
    expect(res.body).to.deep.equal({ status: 'ok', database: 'ok' });
  });

  it('when a route does not exist, then it answers 404 problem+json', async () => {
    const res = await harness().http.get('/v1/nothing-here').expect(404);
    expect(res.headers['content-type']).to.match(/application\/problem\+json/);
    expect(res.body).to.include({ status: 404, code: 'route_not_found' });
  });

  it('when the body is not JSON, then it answers 400 malformed_json', async () => {
    const res = await harness().http.post('/v1/auth/token').set('Content-Type', 'application/json').send('{"email":').expect(400);
    expect(res.body.code).to.equal('malformed_json');
  });

  it('when the body is larger than the limit, then it answers 413', async () => {
    const res = await harness().http.post('/v1/auth/token').send({ email: 'a@b.test', password: 'x'.repeat(70_000) }).expect(413);
    expect(res.body.code).to.equal('body_too_large');
  });
});
