// What evidence a contest accepts: PDF, JPEG or PNG, told apart by the first bytes of the content
// (its signature), never by the file's name or the type the browser sent, which the sender
// chooses. At most MAX_EVIDENCE_FILES files of at most MAX_EVIDENCE_BYTES each.
import { createHash } from 'node:crypto';

export const MAX_EVIDENCE_FILES = 5;
export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;
export const EVIDENCE_LIMITS = { maxFiles: MAX_EVIDENCE_FILES, maxFileBytes: MAX_EVIDENCE_BYTES };

export type EvidenceType = 'application/pdf' | 'image/jpeg' | 'image/png';

const SIGNATURES: readonly { type: EvidenceType; bytes: readonly number[] }[] = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
];

/** The type the content shows, or undefined for anything else. */
export const detectEvidenceType = (content: Buffer): EvidenceType | undefined =>
  SIGNATURES.find(({ bytes }) => content.length > bytes.length && bytes.every((byte, index) => content[index] === byte))?.type;

export type SentFile = { fileName: string; bytes: Buffer; tooLarge: boolean };

/**
 * Why a sent file cannot be evidence; `index` is its place among the files sent (0-based). A file
 * whose name claims one of the accepted types while its content is another (a PDF named .png) is a
 * `mismatch`: a file that passes for something it is not is how polyglot files slip through, and
 * the sender most likely attached the wrong file.
 */
export type EvidenceProblem = { index: number; fileName: string; problem: 'too_large' | 'wrong_type' | 'mismatch' | 'too_many' };

const NAMED_TYPES: Readonly<Record<string, EvidenceType>> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  jfif: 'image/jpeg',
};

/** The accepted type a file's name claims by its extension, if any. */
const namedType = (fileName: string): EvidenceType | undefined => NAMED_TYPES[/\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? ''];

export type CheckedEvidence = { fileName: string; mediaType: EvidenceType; content: Buffer; sha256: string };

/** Every problem of the files at once, or the files ready to store. */
export function checkEvidence(
  files: readonly SentFile[],
  tooManyFiles: boolean,
): { ok: true; files: CheckedEvidence[] } | { ok: false; problems: EvidenceProblem[] } {
  const problems: EvidenceProblem[] = [];
  const checked: CheckedEvidence[] = [];
  files.forEach((file, index) => {
    const mediaType = detectEvidenceType(file.bytes);
    if (file.tooLarge) problems.push({ index, fileName: file.fileName, problem: 'too_large' });
    else if (!mediaType) problems.push({ index, fileName: file.fileName, problem: 'wrong_type' });
    else if ((namedType(file.fileName) ?? mediaType) !== mediaType) problems.push({ index, fileName: file.fileName, problem: 'mismatch' });
    else checked.push({ fileName: safeFileName(file.fileName), mediaType, content: file.bytes, sha256: sha256Of(file.bytes) });
  });
  if (tooManyFiles) problems.push({ index: files.length, fileName: '', problem: 'too_many' });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, files: checked };
}

export const sha256Of = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** The name shown and offered on download: its last path part, without control or quoting characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = [...base]
    .filter((char) => char >= ' ' && char !== '\u007f' && !'"<>'.includes(char))
    .join('')
    .trim()
    .slice(0, 255);
  return cleaned || 'evidence';
}

/** Never shown inline (a PDF or an image opened in the site's origin), typed by its content, not sniffed. */
export function downloadHeaders(file: { media_type: string; file_name: string; sha256: string }): Record<string, string> {
  const ascii = file.file_name.replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, '_');
  return {
    'Content-Type': file.media_type,
    'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.file_name)}`,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cache-Control': 'private, no-store',
    ETag: `"${file.sha256}"`,
  };
}
