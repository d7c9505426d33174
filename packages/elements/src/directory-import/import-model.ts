// Pure helpers of `<peer-directory-import>`: reading the chosen file and what its progress bar says.
import type { DirectoryImport, DirectoryImportRecord } from '@peerlink/sdk';

/** Where the import is. */
export type ImportStage =
  'idle' | 'reading' | 'checking' | 'checked' | 'importing' | 'cancelling' | 'done' | 'cancelled' | 'failed';

/** The file's JSON, or `undefined` when it is not JSON (the service checks the rest). */
export function parseUpload(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A determinate bar's value and maximum, or `undefined` for an indeterminate bar. */
export interface BarValue {
  readonly value: number;
  readonly max: number;
}

/**
 * What the bar shows of a running import: the upload read while records are checked, then the
 * resources written of those to write. While the service writes without saying how far it is (the
 * embedded store answers no read until its one write ends, and no job is read yet), the bar is
 * indeterminate rather than stuck at a guess.
 */
export function barOf(job: DirectoryImport | undefined, toWrite: number, answering: boolean): BarValue | undefined {
  if (!job || !answering) return undefined;
  if (job.status === 'validating' && job.bytesTotal)
    return { value: Math.min(job.bytesRead, job.bytesTotal), max: job.bytesTotal };
  if (job.status === 'writing' && job.written > 0 && toWrite > 0)
    return { value: Math.min(job.written, toWrite), max: toWrite };
  if (job.status === 'done') return { value: 1, max: 1 };
  return undefined;
}

/** Records the report asks a person to look at: errors first, then those with warnings. */
export function recordsToReview(job: DirectoryImport): DirectoryImportRecord[] {
  const errors = job.records.filter((record) => record.outcome === 'error');
  const warned = job.records.filter((record) => record.outcome !== 'error' && (record.warnings?.length ?? 0) > 0);
  return [...errors, ...warned];
}

export const warningCount = (job: DirectoryImport): number =>
  job.records.reduce((sum, record) => sum + (record.warnings?.length ?? 0), 0);

/** Resources a checked upload would create or change. */
export const toWriteOf = (job: DirectoryImport): number => job.counts.created + job.counts.updated;
