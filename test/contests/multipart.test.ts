// The multipart reader on its own, with small limits, so the limits' edges are cheap to reach.
import { PassThrough } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { expect } from 'chai';
import { AppError } from '../../server/errors.js';
import { readMultipart } from '../../server/http/multipart.js';

const BOUNDARY = 'test-boundary';

function request(parts: string | Buffer): IncomingMessage {
  const stream = new PassThrough();
  Object.assign(stream, { headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } });
  setImmediate(() => stream.end(parts));
  return stream as unknown as IncomingMessage;
}

const filePart = (name: string, content: Buffer | string) =>
  Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`),
    Buffer.from(content),
    Buffer.from('\r\n'),
  ]);
const end = Buffer.from(`--${BOUNDARY}--\r\n`);

describe('reading multipart forms within limits', () => {
  it('when a file is at the limit it is kept whole, one byte over it is marked too large, and a file past the count is noted', async () => {
    const form = await readMultipart(
      request(Buffer.concat([filePart('a.png', 'x'.repeat(10)), filePart('b.png', 'y'.repeat(11)), filePart('c.png', 'z'), end])),
      { maxFiles: 2, maxFileBytes: 10 },
    );
    expect(form.files.map(({ fileName, bytes, tooLarge }) => [fileName, bytes.length, tooLarge])).to.deep.equal([
      ['a.png', 10, false],
      ['b.png', 11, true],
    ]);
    expect(form.tooManyFiles).to.equal(true);
  });

  it('when the body is cut off mid-part, then it is a 400 malformed_multipart', async () => {
    const error = await readMultipart(request(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="message"\r\n\r\nhal`), {
      maxFiles: 1,
      maxFileBytes: 10,
    }).catch((failure: unknown) => failure);
    expect(error).to.be.instanceOf(AppError);
    expect((error as AppError).code).to.equal('malformed_multipart');
  });

  it('when a request goes far past every limit, then reading stops with a 413', async () => {
    const huge = Buffer.concat([filePart('a.png', Buffer.alloc(2 * 1024 * 1024, 1)), end]);
    const error = await readMultipart(request(huge), { maxFiles: 1, maxFileBytes: 10 }).catch((failure: unknown) => failure);
    expect((error as AppError).status).to.equal(413);
  });
});
