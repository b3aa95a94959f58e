// A contest as the API and the portal show it: never the evidence's content, only what identifies it.
import type { ContestRow, EvidenceRow } from './contest-store.js';

export type EvidenceView = { id: string; fileName: string; mediaType: string; sizeBytes: number; sha256: string };

export type ContestView = {
  id: string;
  reference: string;
  decisionId: string;
  programme: string;
  message: string;
  contestedOn: string;
  status: ContestRow['status'];
  answer: { message: string; answeredAt: string } | null;
  evidence: EvidenceView[];
  createdAt: string;
};

export const contestView = (row: ContestRow, files: readonly EvidenceRow[]): ContestView => ({
  id: row.id,
  reference: row.reference,
  decisionId: row.decision_id,
  programme: row.programme_code,
  message: row.message,
  contestedOn: row.contested_on,
  status: row.status,
  answer: row.answer && row.answered_at ? { message: row.answer, answeredAt: row.answered_at.toISOString() } : null,
  evidence: files.map((file) => ({
    id: file.id,
    fileName: file.file_name,
    mediaType: file.media_type,
    sizeBytes: file.size_bytes,
    sha256: file.sha256,
  })),
  createdAt: row.created_at.toISOString(),
});
