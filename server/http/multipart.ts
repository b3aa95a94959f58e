// Forms with files (multipart/form-data), read with busboy while they stream, for the API and the
// portal alike. The limits hold while reading: a file past its size is cut off and only marked
// (the caller says so to the user as a field's error, the form's other fields still read), files
// past the count are skipped and marked, and only a request far beyond every limit is refused as a
// whole (413), so nobody can make the service read without end. Files are kept in memory: the
// limits bound it, and they go to PostgreSQL next.
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { AppError } from '../errors.js';

export type MultipartLimits = { maxFiles: number; maxFileBytes: number };

export type UploadedFile = {
  field: string;
  /** The name the sender gave, for people only: never a path, never trusted for the type. */
  fileName: string;
  bytes: Buffer;
  /** Past maxFileBytes: `bytes` holds only the start. */
  tooLarge: boolean;
};

export type MultipartForm = { fields: Record<string, string>; files: UploadedFile[]; tooManyFiles: boolean };

const MAX_FIELDS = 20;
const MAX_FIELD_BYTES = 64 * 1024;

export const isMultipart = (req: IncomingMessage) => /^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '');

const malformed = () =>
  new AppError(400, 'malformed_multipart', 'The form data could not be read.', {
    errors: [{ path: '', message: 'is not valid form data' }],
  });

export function readMultipart(req: IncomingMessage, limits: MultipartLimits): Promise<MultipartForm> {
  // Room for every file at its limit plus the fields; a request past it is not a form anyone filled in.
  const hardCap = (limits.maxFiles + 1) * (limits.maxFileBytes + 1) + MAX_FIELDS * MAX_FIELD_BYTES;
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        // busboy cuts a file off when it reaches `fileSize`: one byte more tells a file of
        // exactly maxFileBytes (taken) from a larger one. Browsers send names in UTF-8.
        defParamCharset: 'utf8',
        limits: { files: limits.maxFiles, fileSize: limits.maxFileBytes + 1, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES, parts: 100 },
      });
    } catch {
      return reject(malformed());
    }
    const form: MultipartForm = { fields: {}, files: [], tooManyFiles: false };
    let received = 0;
    const stop = (error: AppError) => {
      req.unpipe(parser);
      req.resume();
      reject(error);
    };
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > hardCap) stop(new AppError(413, 'payload_too_large', 'The form is far larger than its limits allow.'));
    });
    parser.on('field', (name, value) => {
      form.fields[name] = value;
    });
    const reading: Promise<void>[] = [];
    parser.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      let tooLarge = false;
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => {
        tooLarge = true;
      });
      reading.push(
        new Promise((done) =>
          stream.on('end', () => {
            const bytes = Buffer.concat(chunks);
            // A file input left empty still sends a part, without name or content.
            if (info.filename || bytes.length > 0) form.files.push({ field, fileName: info.filename || 'file', bytes, tooLarge });
            done();
          }),
        ),
      );
    });
    parser.on('filesLimit', () => {
      form.tooManyFiles = true;
    });
    parser.on('error', () => stop(malformed()));
    parser.on('close', () => void Promise.all(reading).then(() => resolve(form)));
    req.pipe(parser);
  });
}
