import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { PeerNetworkError, type DirectoryImport, type DirectoryImportRecord, type Resource } from '@peerlink/sdk';
import '../packages/elements/src/directory-import/define.js';
import type {
  DirectoryImportClient,
  PeerDirectoryImport,
} from '../packages/elements/src/directory-import/directory-import.js';

// Stories use canned data shaped by the contract; tests run against the real service instead.
// Every state is reached through arguments alone: a story that needs a file chooses one on load.

const agencyId = '0b6c6f8e-2d1a-4c4e-8f7a-9d3e2c1b0a00';
const later = <T>(make: () => T): Promise<T> => Promise.resolve().then(make);
const never = <T>(): Promise<T> => new Promise<T>(() => undefined);
const id = (n: number) => `3c1e8a52-7a0e-4d5b-9f57-${String(n).padStart(12, '0')}`;

const record = (n: number, outcome: DirectoryImportRecord['outcome'], extra: Partial<DirectoryImportRecord> = {}) => ({
  path: String(n),
  hsdsId: `svc-${String(n)}/sal-${String(n)}`,
  outcome,
  resourceId: outcome === 'error' ? null : id(n),
  ...extra,
});

/** An import job as the service reports it. */
function job(
  status: DirectoryImport['status'],
  records: DirectoryImportRecord[],
  extra: Partial<DirectoryImport> = {},
) {
  const counts = { created: 0, updated: 0, unchanged: 0, error: 0 };
  for (const each of records) counts[each.outcome] += 1;
  return {
    id: '7d4e2a10-1b2c-4d3e-8f40-5a6b7c8d9e00',
    agencyId,
    status,
    dryRun: status === 'done' && extra.dryRun !== false,
    processed: records.length,
    total: records.length,
    written: 0,
    bytesRead: 48_000,
    bytesTotal: 48_000,
    counts,
    records,
    failure: null,
    createdAt: new Date().toISOString(),
    finishedAt: status === 'validating' || status === 'writing' ? null : new Date().toISOString(),
    ...extra,
  } satisfies DirectoryImport;
}

const clean = [record(0, 'created'), record(1, 'created'), record(2, 'updated'), record(3, 'unchanged')];
const withProblems = [
  record(0, 'created', {
    warnings: [{ path: '0.schedules.0.timezone', message: 'Read as a fixed UTC offset', code: 'timezone' }],
  }),
  record(1, 'error', {
    errors: [
      { path: '1.name', message: 'Expected at least 1 character', code: 'too_small' },
      {
        path: '1.service_at_locations.0.location',
        message: 'A location needs an address or coordinates',
        code: 'invalid',
      },
    ],
  }),
  record(2, 'created'),
];

const resource = (n: number, name: string, available: number | null): Resource => ({
  id: id(100 + n),
  agencyId,
  updatedAt: new Date().toISOString(),
  name,
  organization: { name: 'County Behavioral Health' },
  description: 'A service of the county directory.',
  categories: ['detox'],
  location: {
    address: { street: '100 Main St', city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' },
    lat: 39.8,
    lon: -89.6,
  },
  languages: ['en'],
  fees: { acceptsMedicaid: true },
  settings: ['community'],
  interceptStages: [],
  ...(available === null ? {} : { capacity: { available, openBeds: available, acceptingNewClients: true } }),
});

const resources = [resource(1, 'Springfield detox unit', 3), resource(2, 'Springfield recovery housing', null)];

interface FakeOptions {
  /** The dry run's report, or `'pending'` for one that never answers. */
  report?: DirectoryImport | 'pending';
  /** What progress reads answer while the import runs (it never ends), or the import's own answer. */
  progress?: DirectoryImport;
  done?: DirectoryImport;
  failure?: Error;
}

function fakeClient(options: FakeOptions = {}): DirectoryImportClient {
  return {
    directory: {
      importHsds: (_payload, query) => {
        if (options.failure !== undefined) return Promise.reject(options.failure);
        const { report, done } = options;
        if (query?.dryRun) return report === 'pending' ? never() : later(() => report ?? job('done', clean));
        return done ? later(() => done) : never();
      },
      importStatus: () => {
        const { progress } = options;
        return progress ? later(() => progress) : never();
      },
      cancelImport: () => later(() => job('cancelled', [], { dryRun: false })),
      updateCapacity: (resourceId, body) =>
        later(() => {
          const found = resources.find((each) => each.id === resourceId) ?? resource(9, 'Resource', 0);
          const available = (body.openBeds ?? 0) + (body.openSlots ?? 0);
          return {
            ...found,
            capacity: { available, openBeds: body.openBeds ?? 0, updatedAt: new Date().toISOString() },
          };
        }),
    },
    resources: {
      search: (query) =>
        later(() => {
          const q = (query?.q ?? '').toLowerCase();
          const items = resources
            .filter((each) => each.name.toLowerCase().includes(q))
            .map((each) => ({ resource: each, score: 1, distanceKm: null, openNow: null }));
          return { items, total: items.length, nextCursor: null };
        }),
    },
  };
}

interface DirectoryImportArgs {
  client: DirectoryImportClient;
  /** A file chosen on load. */
  file?: boolean;
  /** Import once the file is checked. */
  start?: boolean;
  /** A resource search typed on load. */
  search?: string;
}

const file = new File(['[{"id":"svc-0"}]'], 'county-directory.json', { type: 'application/json' });

const meta = {
  title: 'Elements/Directory import',
  component: 'peer-directory-import',
  excludeStories: /^[a-z]/,
  args: { client: fakeClient() },
  argTypes: { client: { control: false }, file: { control: false }, start: { control: false } },
  render: ({ client, file: choose, start, search }) =>
    html`<peer-directory-import
      .client=${client}
      ${ref((element) => {
        const el = element as PeerDirectoryImport | undefined;
        if (!el) return;
        void (async () => {
          await el.updateComplete;
          if (search) {
            const input = el.shadowRoot?.querySelector<HTMLInputElement>('#capacity-search');
            if (input) {
              input.value = search;
              input.dispatchEvent(new Event('input'));
            }
          }
          if (!choose) return;
          await el.check(file);
          if (start) await el.import();
        })();
      })}
    ></peer-directory-import>`,
} satisfies Meta<DirectoryImportArgs>;

export default meta;
type Story = StoryObj<DirectoryImportArgs>;

/** Nothing chosen yet: the file chooser and the capacity search. */
export const Empty: Story = {};

/** A file being checked (the dry run has not answered). */
export const Checking: Story = { args: { file: true, client: fakeClient({ report: 'pending' }) } };

/** The dry run found nothing wrong: counts, and Import. */
export const ReadyToImport: Story = { args: { file: true } };

/** The dry run found a bad record: counts, each problem by its place in the file, and no Import. */
export const ImportErrors: Story = {
  args: { file: true, client: fakeClient({ report: job('failed', withProblems, { dryRun: true }) }) },
};

/** Importing: records checked so far against the upload read, and Cancel. */
export const Importing: Story = {
  args: {
    file: true,
    start: true,
    client: fakeClient({ progress: job('validating', [], { processed: 2, total: null, bytesRead: 24_000 }) }),
  },
};

/** Writing where the service cannot say how far it is (the embedded store): an indeterminate bar, said in words. */
export const Writing: Story = {
  args: { file: true, start: true, client: fakeClient({ progress: job('writing', [], { written: 0 }) }) },
};

/** Imported. */
export const Done: Story = {
  args: { file: true, start: true, client: fakeClient({ done: job('done', clean, { dryRun: false, written: 3 }) }) },
};

/** Peerlink cannot be reached: the message, with Retry. */
export const Offline: Story = {
  args: { file: true, client: fakeClient({ failure: new PeerNetworkError('Unreachable', { code: 'network' }) }) },
};

/** Quick capacity update: resources found by name, one to choose. */
export const CapacitySearch: Story = { args: { search: 'springfield' } };
