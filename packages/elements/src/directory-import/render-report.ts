// The dry run's report: counts, then every record with an error or a warning, by its place in the file.
import { html, nothing, type TemplateResult } from 'lit';
import type { DirectoryImport, DirectoryImportRecord } from '@peerlink/sdk';
import type { LocalizeController } from '../base/localize.js';
import type { DirectoryImportMessageKey } from './directory-import.messages.js';
import { recordsToReview, warningCount } from './import-model.js';

type I18n = LocalizeController<DirectoryImportMessageKey>;

/** Problems listed per record at most: the file is fixed and checked again for the rest. */
const SHOWN = 100;

function renderRecord(i18n: I18n, record: DirectoryImportRecord): TemplateResult {
  const problems = [
    ...(record.errors ?? []).map((error) => ({ kind: 'dir.errorLabel' as const, ...error })),
    ...(record.warnings ?? []).map((warning) => ({ kind: 'dir.warning' as const, ...warning })),
  ];
  return html`<li part="record" data-outcome=${record.outcome}>
    <p class="title">
      ${i18n.term('dir.record', { path: record.path })}
      ${record.hsdsId ? html`<span class="muted">${i18n.term('dir.recordId', { id: record.hsdsId })}</span>` : nothing}
    </p>
    <ul>
      ${problems.map(
        (problem) =>
          html`<li class=${problem.kind === 'dir.errorLabel' ? 'problem error' : 'problem'}>
            <strong>${i18n.term(problem.kind)}:</strong> <code>${problem.path}</code> ${problem.message}
          </li>`,
      )}
    </ul>
  </li>`;
}

export function renderReport(i18n: I18n, job: DirectoryImport, fileName: string): TemplateResult {
  const counts = [
    ['dir.count.created', job.counts.created],
    ['dir.count.updated', job.counts.updated],
    ['dir.count.unchanged', job.counts.unchanged],
    ['dir.count.error', job.counts.error],
    ['dir.count.warnings', warningCount(job)],
  ] as const;
  const review = recordsToReview(job);
  return html`<section part="report" class="report" aria-labelledby="report-heading">
    <h4 id="report-heading" tabindex="-1">${i18n.term('dir.report.heading', { name: fileName })}</h4>
    <dl part="counts" class="counts">
      ${counts.map(
        ([label, value]) =>
          html`<div>
            <dt>${i18n.term(label)}</dt>
            <dd>${i18n.number(value)}</dd>
          </div>`,
      )}
    </dl>
    ${
      review.length > 0
        ? html`<h5>${i18n.term('dir.problems', { count: review.length })}</h5>
            <ol part="records" class="records">
              ${review.slice(0, SHOWN).map((record) => renderRecord(i18n, record))}
            </ol>`
        : nothing
    }
  </section>`;
}
