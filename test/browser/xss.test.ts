// Hostile text in every field that reaches a component. Each payload is a valid value of the
// contract (the service would store and return it), rendered through the same canned clients the
// stories use (or the elements' properties). Nothing may run, nothing may be parsed into markup,
// and each value must be shown as the text it is wherever the field is shown.
import { expect } from '@open-wc/testing';
import { html, render, type TemplateResult } from 'lit';
import * as z from 'zod/mini';
import {
  CalloutLog,
  Dispatch,
  Label,
  OnCallNow,
  PeerNotFoundError,
  Resource,
  ResourceInput,
  type CallForServiceInput,
  type CalloutLogDraft,
  type DirectoryImport,
  type DispatchStatus,
  type Jwks,
  type Watch,
} from '@peerlink/sdk';
import '../../packages/elements/src/status/define.js';
import '../../packages/elements/src/request-button/define.js';
import '../../packages/elements/src/dispatch-card/define.js';
import '../../packages/elements/src/callout-log-form/define.js';
import '../../packages/elements/src/certification-badge/define.js';
import '../../packages/elements/src/referral-picker/define.js';
// Program staff: the on-call schedule, the roster, the review queue and the directory import.
import '../../packages/elements/src/on-call-schedule/define.js';
import '../../packages/elements/src/roster/define.js';
import '../../packages/elements/src/log-review-queue/define.js';
import '../../packages/elements/src/directory-import/define.js';
import { PeerLogReviewQueue } from '../../packages/elements/src/log-review-queue/log-review-queue.js';
import type { LogReviewQueueClient } from '../../packages/elements/src/log-review-queue/review-queue-client.js';
import { PeerDirectoryImport } from '../../packages/elements/src/directory-import/directory-import.js';
import type { DirectoryImportClient } from '../../packages/elements/src/directory-import/directory-import-client.js';
import { PeerElement } from '../../packages/elements/src/base/peer-element.js';
import { PeerCalloutLogForm } from '../../packages/elements/src/callout-log-form/callout-log-form.js';
import type { CalloutLogClient } from '../../packages/elements/src/callout-log-form/callout-log-client.js';
import {
  PeerCertificationBadge,
  type BadgeCredential,
} from '../../packages/elements/src/certification-badge/certification-badge.js';
import { PeerDispatchCard } from '../../packages/elements/src/dispatch-card/dispatch-card.js';
import { PeerReferralPicker } from '../../packages/elements/src/referral-picker/referral-picker.js';
import { PeerRequestButton } from '../../packages/elements/src/request-button/request-button.js';
import type { DispatchClient } from '../../packages/elements/src/base/dispatch-client.js';
import { exampleRuleSets } from '@peerlink/sdk/credentials';
import { newIssuer, payloadOf, signPayload } from '../../packages/elements/test/certification-badge/signing.js';
import { completeContent } from '../../stories/callout-log-form.stories.js';

import '../../packages/elements/src/program-report/define.js';
import { PeerProgramReport } from '../../packages/elements/src/program-report/program-report.js';
import { cannedReportClient, sampleReport } from '../../stories/program-report-fixtures.js';
import { cannedDispatch, fakeClient, incident, onCallNow } from '../../stories/request-button.stories.js';
import {
  cannedPeers,
  cannedRosterClient,
  cannedSchedule,
  cannedScheduleClient,
} from '../../stories/program-staff-data.js';

// ---- Payloads ----------------------------------------------------------------------------------

/** `@@` is replaced by a call of the tripwire with the payload's number, so every payload differs. */
const TEMPLATES: readonly string[] = [
  '<script>@@</script>',
  '<SCRIPT SRC=//xss.invalid/@@.js></SCRIPT>',
  '<script type=module>@@</script>',
  '<img src=x onerror=@@>',
  '<img src="x" onerror="@@">',
  '"><img src=x onerror=@@>',
  "'><img src=x onerror=@@>",
  '<img src=x:alert(alt) onerror=eval(src) alt=@@>',
  '<svg onload=@@>',
  '<svg/onload=@@ />',
  '<svg><script>@@</script></svg>',
  '<svg><animate onbegin=@@ attributeName=x dur=1s>',
  '<svg><a xlink:href="javascript:@@"><text>x</text></a>',
  '<math><mtext><table><mglyph><style><img src=x onerror=@@>',
  '<math href="javascript:@@">x</math>',
  '<iframe src="javascript:@@"></iframe>',
  '<iframe srcdoc="<script>@@</script>"></iframe>',
  '<object data="javascript:@@"></object>',
  '<embed src="javascript:@@">',
  '<a href="javascript:@@">link</a>',
  '<a href="&#x6A;avascript:@@">x</a>',
  '<a href="data:text/html,<script>@@</script>">x</a>',
  'javascript:@@',
  'JaVaScRiPt:@@',
  'java\tscript:@@',
  'javascript&colon;@@',
  'data:text/html,<script>@@</script>',
  'vbscript:@@',
  '<body onload=@@>',
  '<details open ontoggle=@@>',
  '<input autofocus onfocus=@@>',
  '<video><source onerror=@@></video>',
  '<audio src=x onerror=@@>',
  '<marquee onstart=@@>x</marquee>',
  '<xss onpointerover=@@ style=display:block>x</xss>',
  '<x contenteditable onblur=@@>x',
  '<template><img src=x onerror=@@></template>',
  '</template><img src=x onerror=@@>',
  '<style>*{background:url("javascript:@@")}</style>',
  '</style><img src=x onerror=@@>',
  '<div style="background:url(javascript:@@)">x</div>',
  '<p style="width:expression(@@)">x</p>',
  '</textarea><img src=x onerror=@@>',
  '</title><img src=x onerror=@@>',
  '</script><script>@@</script>',
  '<noscript><p title="</noscript><img src=x onerror=@@>">',
  '<select><style></select><img src=x onerror=@@>',
  '<!--<img src=x onerror=@@>-->',
  '--><img src=x onerror=@@>',
  '<![CDATA[<img src=x onerror=@@>]]>',
  '<link rel=import href="data:text/html,<script>@@">',
  '<meta http-equiv=refresh content="0;url=javascript:@@">',
  '<base href="javascript:@@//">',
  '<form action="javascript:@@"><button>go</button></form>',
  '<button formaction="javascript:@@">x</button>',
  '" onmouseover="@@" x="',
  "' onfocus='@@' autofocus x='",
  '" autofocus onfocus=@@ x="',
  '`-@@-`',
  '&lt;img src=x onerror=@@&gt;',
  '&#60;script&#62;@@&#60;/script&#62;',
  '\\u003cimg src=x onerror=@@\\u003e',
  '＜script＞@@＜/script＞',
  // (A NUL inside the tag name is refused by the contract itself, as PostgreSQL cannot store it.)
  '<scr\u2060ipt>@@</scr\u2060ipt>',
  '\u202egnp.exe<img src=x onerror=@@>',
  '<img src=x onerror=@@>\u200b',
  '{{constructor.constructor("@@")()}}',
  '${@@}',
  '<%= @@ %>',
  '[[@@]] {{@@}}',
  '"};@@;//',
  "Robert'); DROP TABLE dispatches;-- @@",
];

const payloads: readonly string[] = TEMPLATES.map((template, index) =>
  template.replaceAll('@@', `__xss(${String(index)})`),
);

// ---- What the page must not do -----------------------------------------------------------------

const hits: string[] = [];
const tripwire =
  (name: string) =>
  (...args: unknown[]): undefined => {
    hits.push(`${name}(${args.map(String).join(', ')})`);
    return undefined;
  };
const trapped = ['__xss', 'alert', 'confirm', 'prompt', 'print'] as const;
const originals = new Map<string, PropertyDescriptor | undefined>();

/** Every element below `root`, in light DOM and in every shadow root, however deep. */
function elementsIn(root: ParentNode): Element[] {
  const found: Element[] = [];
  const visit = (scope: ParentNode) => {
    for (const element of scope.querySelectorAll('*')) {
      found.push(element);
      if (element.shadowRoot) visit(element.shadowRoot);
    }
  };
  visit(root);
  // The root's own shadow root, when the root is an element that has one.
  if (root instanceof Element && root.shadowRoot) visit(root.shadowRoot);
  return found;
}

const FOREIGN_TAGS = new Set([
  'script',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'base',
  'meta',
  'link',
  'style',
  'img',
  'image',
  'video',
  'audio',
  'source',
  'math',
  'mtext',
  'mglyph',
  'marquee',
  'xss',
  'x',
  'body',
  'html',
  'head',
  'title',
  'noscript',
  'template',
  'animate',
  'set',
  'foreignobject',
  'table',
]);
const URL_ATTRIBUTES = new Set([
  'href',
  'xlink:href',
  'src',
  'action',
  'formaction',
  'data',
  'background',
  'poster',
  'srcset',
  'ping',
]);

/** A URL as browsers read it: tabs, newlines and other control characters inside a scheme are skipped. */
const withoutControls = (value: string): string =>
  Array.from(value, (char) => (char.charCodeAt(0) < 0x20 ? '' : char)).join('');

/** What a rendered tree must never hold; `allowedTags` are the tags the component renders with plain text. */
function injected(
  root: ParentNode,
  allowedTags: ReadonlySet<string>,
  ownTags: ReadonlySet<string> = new Set(),
): string[] {
  const problems: string[] = [];
  for (const element of elementsIn(root)) {
    const tag = element.localName;
    if ((FOREIGN_TAGS.has(tag) && !ownTags.has(tag)) || !allowedTags.has(tag)) problems.push(`<${tag}> element`);
    for (const { name, value } of element.attributes) {
      const lower = name.toLowerCase();
      if (lower.startsWith('on')) problems.push(`<${tag} ${name}>`);
      if (lower === 'srcdoc') problems.push(`<${tag} srcdoc>`);
      if (URL_ATTRIBUTES.has(lower) && /^\s*(?:javascript|vbscript|data):/i.test(withoutControls(value))) {
        problems.push(`<${tag} ${name}="${value}">`);
      }
      if (lower === 'style' && /url\(|expression\(|javascript:/i.test(value))
        problems.push(`<${tag} style="${value}">`);
    }
  }
  return problems;
}

/** Links the element built from data: every `href` below it. */
function linksIn(root: ParentNode): string[] {
  return elementsIn(root)
    .filter((element) => element.hasAttribute('href'))
    .map((element) => element.getAttribute('href') ?? '');
}

const tagsOf = (root: ParentNode): Set<string> => new Set(elementsIn(root).map((element) => element.localName));

/** The text of an element's shadow root and of every shadow root inside it. */
const shadowText = (element: Element): string =>
  [element, ...elementsIn(element)].map((child) => child.shadowRoot?.textContent ?? '').join(' ');

function shadowQuery(host: Element, selector: string): HTMLElement {
  const found = host.shadowRoot?.querySelector(selector);
  if (!(found instanceof HTMLElement)) throw new Error(`<${host.localName}> has no ${selector}`);
  return found;
}

/** An element checked to be of the component's class (the tests hold them as plain elements). */
function as<E extends HTMLElement>(element: HTMLElement, type: abstract new () => E): E {
  if (!(element instanceof type)) throw new Error(`<${element.localName}> is not a ${type.name}`);
  return element;
}

/** A placement's `prepare`: waits until the element, of this class, passes the check, then for it to render. */
const readyWhen =
  <E extends HTMLElement & { updateComplete: Promise<unknown> }>(
    type: abstract new () => E,
    check: (element: E) => boolean,
    what: string,
  ) =>
  async (element: HTMLElement) => {
    const typed = as(element, type);
    await until(() => check(typed), what);
    await typed.updateComplete;
  };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** Waits until every Peerlink element below `root` has rendered, twice over the canned delays. */
async function settle(root: ParentNode): Promise<void> {
  for (let round = 0; round < 2; round += 1) {
    const peers = elementsIn(root).filter((element) => element.localName.startsWith('peer-'));
    await Promise.all(
      peers.map((element) => (element instanceof PeerElement ? element.updateComplete : Promise.resolve(true))),
    );
    await sleep(200);
  }
}

// ---- The fields of each component --------------------------------------------------------------

interface Field {
  name: string;
  /** The field's longest value in the contract, when shorter than a payload: the payload is cut to fit. */
  max?: number;
  /** The text (or control value) where the field is shown; `undefined` when the element does not show it. */
  shown?: (element: HTMLElement) => string;
}

interface Placement {
  component: string;
  fields: readonly Field[];
  /** Renders one element: the one for the value set at `index`, getting `value(field)` for its fields. */
  element: (value: (field: string) => string, index: number) => TemplateResult;
  selector: string;
  /** Brings each element into the state that shows every field. */
  prepare?: (element: HTMLElement) => Promise<void>;
  /**
   * Tags a payload could bring that the component renders itself (a schedule's `<table>`): allowed only as
   * many times as the component renders them with plain text, and still foreign to the self-check.
   */
  ownTags?: ReadonlySet<string>;
}

const partText = (selector: string) => (element: HTMLElement) => shadowQuery(element, selector).textContent;
const controlValue = (selector: string) => (element: HTMLElement) => {
  const control = shadowQuery(element, selector);
  if (!(control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement))
    throw new Error(`${selector} is not a text control`);
  return control.value;
};

/** A watch reporting one canned call-out, as the live stream would. */
function oneWatch(dispatch: Dispatch): Watch<Dispatch> {
  let mode: Watch<Dispatch>['mode'] = 'stream';
  return {
    get mode() {
      return mode;
    },
    subscribe(listener) {
      listener(dispatch);
      return () => undefined;
    },
    close() {
      mode = 'closed';
    },
    async *[Symbol.asyncIterator]() {
      await Promise.resolve();
      yield dispatch;
    },
  };
}

/** The stories' canned dispatch client, answering with `dispatch` instead of its own call-out. */
function dispatchClientFor(dispatch: Dispatch, onCall: OnCallNow = onCallNow): DispatchClient {
  const base = fakeClient({ onCall });
  return {
    ...base,
    dispatches: {
      ...base.dispatches,
      get: () => Promise.resolve(dispatch),
      list: () => Promise.resolve({ items: [], nextCursor: null }),
      watch: () => oneWatch(dispatch),
    },
  };
}

/** A call for service carrying the values, and the canned call-out it became (checked against the contract). */
function hostileDispatch(value: (field: string) => string, status: DispatchStatus): Dispatch {
  const call: CallForServiceInput = {
    ...incident,
    location: { address: value('address'), area: 'county' },
    notes: value('notes'),
    cautions: [value('caution')],
    leadInvestigator: { name: value('investigator'), role: 'law-enforcement', agencyName: value('agency') },
  };
  return z.parse(Dispatch, cannedDispatch(status, call));
}

const logId = '3c1e8a52-7a0e-4d5b-9f57-0d9b3e2a1c01';

/** A call-out log with hostile text in every free-text field, as the service would return it. */
function hostileLog(
  value: (field: string) => string,
  status: 'submitted' | 'returned',
  dispatch: Dispatch,
): CalloutLog {
  const content: CalloutLogDraft = {
    ...completeContent,
    checkIn: {
      investigatorName: value('checkIn.investigatorName'),
      investigatorRole: 'law-enforcement',
      agencyName: value('checkIn.agencyName'),
    },
    followUp: { planned: true, plan: value('followUp.plan') },
    narrative: value('narrative'),
    investigatorNote: value('investigatorNote'),
  };
  const at = new Date(Date.now() - 600_000).toISOString();
  return z.parse(CalloutLog, {
    id: logId,
    agencyId: dispatch.agencyId,
    dispatchId: dispatch.id,
    specialistId: dispatch.specialistId,
    status,
    content,
    submittedAt: at,
    submissions: [{ version: 2, at, piiKept: [] }],
    reviews: [
      {
        decision: 'return',
        reviewerId: onCallNow.supervisor?.id ?? null,
        version: 2,
        at,
        comment: value('review.comment'),
        fieldComments: [{ path: 'narrative', comment: value('review.fieldComment') }],
      },
    ],
    piiKept: [],
    createdAt: at,
    updatedAt: at,
    version: 3,
  });
}

/** The calls the form makes, answering with the hostile log; nothing is ever sent. */
function logClientFor(log: CalloutLog, dispatch: Dispatch): CalloutLogClient {
  const missing = () => new PeerNotFoundError('No such record', { code: 'not_found', status: 404 });
  return {
    calloutLogs: {
      create: () => Promise.reject(missing()),
      update: () => Promise.reject(missing()),
      submit: () => Promise.reject(missing()),
      review: () => Promise.reject(missing()),
      get: () => Promise.resolve(log),
      list: () => Promise.resolve({ items: [log], nextCursor: null }),
    },
    dispatches: { get: () => Promise.resolve(dispatch) },
    drafts: { save: () => Promise.resolve(), load: () => Promise.resolve(undefined), delete: () => Promise.resolve() },
    outbox: { subscribe: () => () => undefined, pending: () => Promise.resolve([]) },
  };
}

// Program staff: the review queue and the directory import.

/** The queue's client: the log form's, with the live list as a watch that reports the page once. */
function queueClientFor(log: CalloutLog, dispatch: Dispatch): LogReviewQueueClient {
  const base = logClientFor(log, dispatch);
  const page = { items: [log], nextCursor: null };
  return {
    ...base,
    calloutLogs: {
      ...base.calloutLogs,
      watchList: () => ({
        mode: 'stream' as const,
        subscribe: (listener: (value: typeof page) => void) => {
          listener(page);
          return () => undefined;
        },
        close: () => undefined,
        async *[Symbol.asyncIterator]() {
          yield await Promise.resolve(page);
        },
      }),
    },
  };
}

/** A dry run reporting one bad record with hostile text in its path, HSDS id and message, and a hostile resource found. */
function directoryClientFor(value: (field: string) => string, index: number): DirectoryImportClient {
  const report: DirectoryImport = {
    id: '7d4e2a10-1b2c-4d3e-8f40-5a6b7c8d9e00',
    agencyId: '0b6c6f8e-2d1a-4c4e-8f7a-9d3e2c1b0a00',
    status: 'failed',
    dryRun: true,
    processed: 1,
    total: 1,
    written: 0,
    bytesRead: 10,
    bytesTotal: 10,
    counts: { created: 0, updated: 0, unchanged: 0, error: 1 },
    records: [
      {
        path: value('import.path'),
        hsdsId: value('import.hsdsId'),
        outcome: 'error',
        resourceId: null,
        errors: [{ path: value('import.errorPath'), message: value('import.message'), code: 'invalid' }],
      },
    ],
    failure: null,
    createdAt: NOW,
    finishedAt: NOW,
  };
  // Only its name is shown here; the picker's placement covers the rest of a resource.
  const resource = hostileResource((field) => (field === 'resource.name' ? value(field) : 'Plain text'), index);
  const never = <T>() => new Promise<T>(() => undefined);
  return {
    directory: {
      importHsds: () => Promise.resolve(report),
      importStatus: () => never(),
      cancelImport: () => never(),
      updateCapacity: () => never(),
    },
    resources: {
      search: () =>
        Promise.resolve({
          items: [{ resource, score: 1, distanceKm: null, openNow: null }],
          total: 1,
          nextCursor: null,
        }),
    },
  };
}

const NOW = '2026-06-01T12:00:00Z';

function hostileCredential(value: (field: string) => string): BadgeCredential {
  return {
    id: '0b6c6f8e-2d1a-4c4e-8f7a-9d3e2c1b0c01',
    specialistId: '6f1c1c9e-4d2b-4f7e-9a51-2b7f0d1e0a01',
    type: 'peer-recovery',
    name: value('credential.name'),
    issuer: { name: value('credential.issuer') },
    number: value('credential.number'),
    issuedOn: '2025-01-15',
    expiresOn: '2027-01-14',
    administrativeStatus: 'active',
    evidence: [],
  };
}

// The signed credentials are made before the badges render (signing is asynchronous).
const signedByPayload = new Map<string, { jwt: string; jwks: Jwks }>();

async function signFor(value: (field: string) => string): Promise<void> {
  const issuer = await newIssuer('https://board.example/v1/agencies/a1', value('signed.issuer'), 'key-1');
  const jwt = await signPayload(
    issuer,
    payloadOf(issuer, {
      name: value('signed.name'),
      holderName: value('signed.holder'),
      number: value('signed.number'),
    }),
  );
  signedByPayload.set(value('signed.name'), { jwt, jwks: issuer.jwks });
}

/** A directory entry with hostile text in every field the picker shows, as the service would return it. */
function hostileResource(value: (field: string) => string, index: number): Resource {
  return z.parse(Resource, {
    id: `3c1e8a52-7a0e-4d5b-9f57-${String(index).padStart(12, '0')}`,
    agencyId: '0b6c6f8e-2d1a-4c4e-8f7a-9d3e2c1b0a00',
    updatedAt: '2026-05-01T12:00:00Z',
    name: value('resource.name'),
    organization: { name: value('resource.organization'), url: 'https://example.org/' },
    description: value('resource.description'),
    categories: ['detox', 'treatment'],
    location: {
      address: {
        street: value('resource.street'),
        city: value('resource.city'),
        region: 'IL',
        postalCode: '62701',
        country: 'US',
      },
      lat: 39.8,
      lon: -89.6,
    },
    eligibility: value('resource.eligibility'),
    languages: ['en', 'es'],
    fees: { acceptsMedicaid: true, notes: value('resource.fees') },
    schedule: {
      timeZone: 'America/Chicago',
      open24x7: false,
      rules: [{ byDay: ['MO', 'TU'], opensAt: '08:00', closesAt: '17:00' }],
      notes: value('resource.hours'),
    },
    phone: value('resource.phone'),
    // A link the contract accepts (https), carrying the text in its query.
    url: `https://example.org/services?name=${encodeURIComponent(value('resource.name'))}`,
    settings: ['community'],
    interceptStages: [],
  });
}

const placements: readonly Placement[] = [
  // Program staff
  {
    component: '<peer-log-review-queue>',
    selector: 'peer-log-review-queue',
    // The queue shows call-out facts only: none of this free text is shown, and none may run.
    fields: [
      { name: 'address' },
      { name: 'notes' },
      { name: 'checkIn.investigatorName' },
      { name: 'followUp.plan' },
      { name: 'narrative' },
      { name: 'investigatorNote' },
      { name: 'review.comment' },
    ],
    element: (value) => {
      const dispatch = hostileDispatch(value, 'cleared');
      const log = hostileLog(value, 'submitted', dispatch);
      return html`<peer-log-review-queue .client=${queueClientFor(log, dispatch)}></peer-log-review-queue>`;
    },
    prepare: readyWhen(PeerLogReviewQueue, (queue) => queue.phase === 'ready' && queue.logs.length === 1, 'the queue'),
  },
  {
    component: '<peer-directory-import> with a dry run report and a resource found',
    selector: 'peer-directory-import',
    fields: [
      { name: 'import.path', max: 100, shown: partText('[part~="record"] .title') },
      { name: 'import.hsdsId', max: 201, shown: partText('[part~="record"] .title') },
      { name: 'import.errorPath', shown: partText('[part~="record"] ul') },
      { name: 'import.message', shown: partText('[part~="record"] ul') },
      { name: 'resource.name', shown: partText('[part~="resource"] .name') },
    ],
    element: (value, index) =>
      html`<peer-directory-import .client=${directoryClientFor(value, index)}></peer-directory-import>`,
    prepare: async (element) => {
      const tools = as(element, PeerDirectoryImport);
      await tools.check(new File(['[{}]'], 'directory.json', { type: 'application/json' }));
      const search = shadowQuery(tools, '#capacity-search');
      if (!(search instanceof HTMLInputElement)) throw new Error('no resource search');
      search.value = 'detox';
      search.dispatchEvent(new Event('input'));
      await until(() => tools.shadowRoot?.querySelector('[part~="resource"]') !== null, 'the resource found');
      await tools.updateComplete;
    },
  },
  {
    component: '<peer-status>',
    selector: 'peer-status',
    fields: [{ name: 'label', shown: partText('[part~="label"]') }],
    element: (value) => html`<peer-status tone="warning" label=${value('label')}></peer-status>`,
  },
  {
    component: '<peer-request-button>',
    selector: 'peer-request-button',
    fields: [
      { name: 'onCall.primary', shown: (element) => shadowQuery(element, '.on-call li:nth-child(1)').textContent },
      { name: 'onCall.backup', shown: (element) => shadowQuery(element, '.on-call li:nth-child(2)').textContent },
      { name: 'onCall.supervisor', shown: (element) => shadowQuery(element, '.on-call li:nth-child(3)').textContent },
      // Sent with the request, not shown by the button; it must not run either.
      { name: 'address' },
      { name: 'notes' },
      { name: 'caution' },
    ],
    element: (value) => {
      const person = (position: 'primary' | 'backup' | 'supervisor') => ({
        ...(onCallNow[position] ?? { id: '', roles: [], languages: [] }),
        displayName: value(`onCall.${position}`),
      });
      const onCall = z.parse(OnCallNow, {
        ...onCallNow,
        primary: person('primary'),
        backup: person('backup'),
        supervisor: person('supervisor'),
      });
      const call = {
        ...incident,
        location: { address: value('address'), area: 'county' },
        notes: value('notes'),
        cautions: [value('caution')],
      };
      return html`<peer-request-button .client=${fakeClient({ onCall })} .incident=${call}></peer-request-button>`;
    },
    prepare: async (element) => {
      const button = as(element, PeerRequestButton);
      await until(() => button.phase === 'ready', 'the request button');
      shadowQuery(button, '.button').click();
      await until(() => button.phase === 'confirm', 'who is on call');
      await button.updateComplete;
    },
  },
  {
    component: '<peer-dispatch-card>',
    selector: 'peer-dispatch-card',
    fields: [
      { name: 'address', shown: partText('[part~="map-link"]') },
      { name: 'notes', shown: partText('[part~="notes"]') },
      { name: 'caution', shown: partText('[part~="cautions"] li') },
      { name: 'investigator', shown: controlValue('#check-in-name') },
      { name: 'agency', shown: controlValue('#check-in-agency') },
    ],
    element: (value) => {
      const dispatch = hostileDispatch(value, 'on-scene');
      return html`<peer-dispatch-card .client=${dispatchClientFor(dispatch)} dispatch-id=${dispatch.id}></peer-dispatch-card>`;
    },
    prepare: async (element) => {
      const card = as(element, PeerDispatchCard);
      await until(() => Boolean(card.shadowRoot?.querySelector('[data-to="checked-in"]')), 'the check-in step');
      shadowQuery(card, '[data-to="checked-in"]').click();
      await card.updateComplete;
    },
  },
  {
    component: '<peer-callout-log-form mode="review">',
    selector: 'peer-callout-log-form',
    fields: [
      { name: 'checkIn.investigatorName', shown: partText('#f-checkIn-term + dd') },
      { name: 'checkIn.agencyName', shown: partText('#f-checkIn-term + dd') },
      { name: 'followUp.plan', shown: partText('#f-followUp-term + dd') },
      { name: 'narrative', shown: partText('#f-narrative-term + dd') },
      { name: 'investigatorNote', shown: partText('[part~="investigator-note"]') },
      { name: 'review.comment', shown: partText('.history') },
      { name: 'review.fieldComment', shown: partText('.history') },
    ],
    element: (value) => {
      const dispatch = hostileDispatch(value, 'cleared');
      const log = hostileLog(value, 'submitted', dispatch);
      return html`<peer-callout-log-form mode="review" .client=${logClientFor(log, dispatch)} log-id=${log.id} dispatch-id=${dispatch.id}></peer-callout-log-form>`;
    },
    prepare: readyWhen(PeerCalloutLogForm, (form) => form.phase === 'ready' && form.log !== undefined, 'the log'),
  },
  {
    component: '<peer-callout-log-form> returned for editing',
    selector: 'peer-callout-log-form',
    fields: [
      { name: 'address', shown: partText('.meta') },
      { name: 'checkIn.investigatorName', shown: controlValue('[data-path="checkIn.investigatorName"]') },
      { name: 'checkIn.agencyName', shown: controlValue('[data-path="checkIn.agencyName"]') },
      { name: 'followUp.plan', shown: controlValue('[data-path="followUp.plan"]') },
      { name: 'narrative', shown: controlValue('[data-path="narrative"]') },
      { name: 'investigatorNote', shown: controlValue('[data-path="investigatorNote"]') },
      { name: 'review.comment', shown: partText('[part~="returned"]') },
      { name: 'review.fieldComment', shown: partText('#f-narrative-comments') },
    ],
    element: (value) => {
      const dispatch = hostileDispatch(value, 'cleared');
      const log = hostileLog(value, 'returned', dispatch);
      return html`<peer-callout-log-form .client=${logClientFor(log, dispatch)} dispatch-id=${dispatch.id}></peer-callout-log-form>`;
    },
    prepare: async (element) => {
      const form = as(element, PeerCalloutLogForm);
      await until(() => form.phase === 'ready' && form.log !== undefined, 'the log');
      // Past the PII detector's pause, so its findings (quoting the text) are on screen too.
      await sleep(400);
      await form.updateComplete;
    },
  },
  {
    component: '<peer-certification-badge size="full">',
    selector: 'peer-certification-badge',
    fields: [
      { name: 'credential.name', shown: partText('[part~="name"]') },
      { name: 'credential.issuer', shown: partText('[part~="details"]') },
      { name: 'credential.number', shown: partText('[part~="details"]') },
      { name: 'specialist.displayName', shown: partText('[part~="holder"]') },
      { name: 'missing.name', shown: partText('[part~="reasons"]') },
    ],
    element: (value) => {
      const credential = hostileCredential(value);
      // Holds the peer-recovery credential, not the 72-hour training the role needs: the reason names it.
      const training: BadgeCredential = {
        ...credential,
        id: '0b6c6f8e-2d1a-4c4e-8f7a-9d3e2c1b0c02',
        type: 'crisis-response-72h',
        name: value('missing.name'),
        administrativeStatus: 'suspended',
      };
      const specialist = {
        id: credential.specialistId,
        displayName: value('specialist.displayName'),
        roles: ['crisis-interventionist' as const],
        credentials: [credential, training],
      };
      return html`<peer-certification-badge size="full" now=${NOW} for-role="crisis-interventionist" .credential=${credential} .specialist=${specialist} .ruleSets=${exampleRuleSets}></peer-certification-badge>`;
    },
  },
  {
    component: '<peer-certification-badge> from a signed credential',
    selector: 'peer-certification-badge',
    fields: [
      { name: 'signed.name', shown: partText('[part~="name"]') },
      { name: 'signed.issuer', shown: partText('[part~="verification"]') },
      { name: 'signed.holder', shown: partText('[part~="holder"]') },
      { name: 'signed.number', shown: partText('[part~="details"]') },
    ],
    element: (value) => {
      const signed = signedByPayload.get(value('signed.name'));
      return html`<peer-certification-badge size="full" now=${NOW} .signed=${signed?.jwt} .jwks=${signed?.jwks}></peer-certification-badge>`;
    },
    prepare: async (element) => {
      const badge = as(element, PeerCertificationBadge);
      await until(() => badge.verificationResult !== undefined, 'the signature check');
      expect(badge.verificationResult?.valid, 'the hostile credential is genuinely signed').to.equal(true);
      await badge.updateComplete;
    },
  },
  {
    component: '<peer-referral-picker> with a resource opened',
    selector: 'peer-referral-picker',
    fields: [
      { name: 'resource.name', shown: partText('#detail-heading') },
      { name: 'resource.description', shown: partText('[part~="detail"]') },
      { name: 'resource.organization', shown: partText('[part~="detail"] dl') },
      { name: 'resource.street', shown: partText('[part~="detail"] dl') },
      { name: 'resource.city', shown: partText('[part~="detail"] dl') },
      { name: 'resource.phone', max: 40, shown: partText('[part~="detail"] a[href^="tel:"]') },
      { name: 'resource.eligibility', shown: partText('[part~="detail"] dl') },
      { name: 'resource.fees', shown: partText('[part~="detail"] dl') },
      { name: 'resource.hours', shown: partText('[part~="detail"] dl') },
    ],
    element: (value, index) =>
      html`<peer-referral-picker .resources=${[hostileResource(value, index)]} search-delay="0"></peer-referral-picker>`,
    prepare: async (element) => {
      const picker = as(element, PeerReferralPicker);
      // Picked from the search box by keyboard: the first result, then its details.
      await until(
        () => (picker.shadowRoot?.querySelector('[part~="count"]')?.textContent ?? '').includes('1'),
        'the local directory',
      );
      const search = shadowQuery(picker, '#search');
      search.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true }));
      await picker.updateComplete;
      search.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
      await until(() => Boolean(picker.shadowRoot?.querySelector('#detail-heading')), 'the resource’s details');
      await picker.updateComplete;
    },
  },
  // Program staff: the on-call schedule and the roster.
  {
    component: '<peer-on-call-schedule> for a supervisor',
    selector: 'peer-on-call-schedule',
    ownTags: new Set(['table']),
    fields: [{ name: 'peer.displayName', max: 80, shown: partText('[part~="shift"] .who') }],
    element: (value) => {
      const [peer] = cannedPeers(1).map((one) => ({ ...one, displayName: value('peer.displayName') }));
      const peers = peer ? [peer] : [];
      const client = cannedScheduleClient({ peers, schedule: cannedSchedule(peers) });
      return html`<peer-on-call-schedule .client=${client} area="north" viewer-role="supervisor"></peer-on-call-schedule>`;
    },
    prepare: async (element) => {
      await until(() => Boolean(element.shadowRoot?.querySelector('[part~="shift"]')), 'the schedule');
    },
  },
  {
    component: '<peer-roster>',
    selector: 'peer-roster',
    fields: [
      { name: 'peer.displayName', max: 80, shown: partText('[part~="peer"] .name') },
      { name: 'peer.language', max: 35, shown: partText('[part~="peer"] .facts') },
    ],
    element: (value) => {
      const peers = cannedPeers(1).map((one) => ({
        ...one,
        displayName: value('peer.displayName'),
        languages: [value('peer.language')],
      }));
      return html`<peer-roster .client=${cannedRosterClient({ peers })}></peer-roster>`;
    },
    prepare: async (element) => {
      await until(() => Boolean(element.shadowRoot?.querySelector('[part~="peer"]')), 'the roster');
    },
  },
  // Program staff: the program's report.
  {
    // The report holds aggregates only; the text a host gives it is the names of the agencies it filters by.
    component: '<peer-program-report> with an agency filter',
    selector: 'peer-program-report',
    fields: [{ name: 'agency.name', shown: partText('select[name="requestingAgencyId"]') }],
    ownTags: new Set(['table']),
    element: (value) =>
      html`<peer-program-report
            from="2025-12-01"
            to="2025-12-28"
            .client=${cannedReportClient(() => sampleReport({ weeks: 4 }))}
            .agencies=${[{ id: '0d6f3e52-8c1a-4f7b-9e2d-5a4b3c2d1e01', name: value('agency.name') }]}
          ></peer-program-report>`,
    prepare: readyWhen(PeerProgramReport, (report) => report.phase === 'ready', 'the report'),
  },
];

// ---- The run -----------------------------------------------------------------------------------

/** A payload cut to a field's length (kept at least 3 characters long and trimmed, as the contract wants). */
const fit = (payload: string, max: number | undefined): string =>
  max === undefined || payload.length <= max ? payload : payload.slice(0, max).trim().padEnd(3, '.');

/**
 * One value set per payload: each element gets a different payload in each field, so every
 * payload meets every field and a value found on screen is known to be that field's.
 */
function valuesFor(placement: Placement): ((field: string) => string)[] {
  return payloads.map((_, index) => {
    const byField = new Map(
      placement.fields.map((field, offset) => [
        field.name,
        fit(payloads[(index + offset) % payloads.length] ?? '', field.max),
      ]),
    );
    return (field: string) => byField.get(field) ?? payloads[index] ?? '';
  });
}

/** Every tag some component rendered with plain text: what the self-check allows. */
const renderedTags = new Set<string>();

/** Plain text (with and without a PII finding): the tags the component renders with it are the ones allowed. */
const plain = [
  (field: string) => `Plain text for ${field}`,
  (field: string) => `Call Maria Lopez at 217-555-0143 about ${field}`,
];

describe('XSS: hostile text in every field of every component', function () {
  this.timeout(120_000);
  const counts = { payloads: payloads.length, placements: 0, shownChecks: 0, links: 0, components: new Set<string>() };

  before(async () => {
    for (const name of trapped) {
      originals.set(name, Object.getOwnPropertyDescriptor(window, name));
      Object.defineProperty(window, name, { value: tripwire(name), configurable: true, writable: true });
    }
    // Signed by a real issuer key, with the payloads in the claims the badge shows.
    for (const placement of placements.filter((candidate) =>
      candidate.fields.some((field) => field.name.startsWith('signed.')),
    )) {
      for (const value of [...plain, ...valuesFor(placement)]) await signFor(value);
    }
  });

  after(() => {
    for (const name of trapped) {
      const original = originals.get(name);
      if (original) Object.defineProperty(window, name, original);
      else Reflect.deleteProperty(window, name);
    }
    const figures = `${String(counts.payloads)} payloads × fields × ${String(counts.components.size)} components = ${String(counts.placements)} placements checked (nothing ran, nothing injected); ${String(counts.shownChecks)} shown verbatim as text; ${String(counts.links)} data-built links checked`;
    console.log(`xss: ${figures}`);
  });

  it('has at least 50 distinct payloads, each a valid value for any text field of the contract', () => {
    expect(payloads.length).to.be.at.least(50);
    expect(new Set(payloads).size).to.equal(payloads.length, 'distinct');
    for (const payload of payloads) {
      // 1–64 characters, trimmed: fits the narrowest field here (a credential number).
      expect(
        z.safeParse(Label, payload).success && payload.length <= 64 && payload.trim() === payload,
        payload,
      ).to.equal(true);
    }
  });

  for (const placement of placements) {
    it(`${placement.component}: every payload in every field renders as text and runs nothing`, async () => {
      const valueSets = valuesFor(placement);
      const baseline = document.createElement('div');
      const container = document.createElement('div');
      document.body.append(baseline, container);
      try {
        const maxOf = (field: string) => placement.fields.find((candidate) => candidate.name === field)?.max;
        const renderEach = (sets: readonly ((field: string) => string)[]) =>
          html`${sets.map((value, index) => placement.element(value, index))}`;
        render(renderEach(plain.map((text) => (field: string) => fit(text(field), maxOf(field)))), baseline);
        render(renderEach(valueSets), container);
        const baselineElements = [...baseline.querySelectorAll<HTMLElement>(placement.selector)];
        const elements = [...container.querySelectorAll<HTMLElement>(placement.selector)];
        expect(elements.length).to.equal(payloads.length);
        await settle(baseline);
        await settle(container);
        const prepare = placement.prepare;
        if (prepare) await Promise.all([...baselineElements, ...elements].map((element) => prepare(element)));
        await settle(container);
        // Time for an injected image's onerror or an SVG's onload to fire, were there any.
        await sleep(300);

        const allowed = tagsOf(baseline);
        const ownTags = placement.ownTags ?? new Set<string>();
        for (const tag of allowed) if (!ownTags.has(tag)) renderedTags.add(tag);
        const ownCount = (root: ParentNode) =>
          elementsIn(root).filter((element) => ownTags.has(element.localName)).length;
        const problems: string[] = [];
        for (const [index, element] of elements.entries()) {
          const value = valueSets[index] ?? (() => '');
          const found = injected(element, allowed, ownTags);
          const expected = baselineElements[0] ? ownCount(baselineElements[0]) : 0;
          if (ownCount(element) !== expected)
            found.push(`${String(ownCount(element))} of the component's own tags where it renders ${String(expected)}`);
          if (found.length > 0) problems.push(`${placement.component} #${String(index)}: ${found.join(', ')}`);
          for (const link of linksIn(element)) {
            counts.links += 1;
            if (!/^(?:https:\/\/|#|tel:)/.test(link))
              problems.push(`${placement.component} #${String(index)}: link ${link}`);
          }
          for (const field of placement.fields) {
            counts.placements += 1;
            if (!field.shown) continue;
            const text = field.shown(element);
            counts.shownChecks += 1;
            if (!text.includes(value(field.name)))
              problems.push(
                `${placement.component} #${String(index)} ${field.name}: ${JSON.stringify(value(field.name))} not in ${JSON.stringify(text.slice(0, 200))}`,
              );
          }
          // The hostile text never reached the page as markup anywhere else either.
          if (shadowText(element).length === 0)
            problems.push(`${placement.component} #${String(index)}: rendered nothing`);
        }
        counts.components.add(placement.selector);
        expect(hits, 'tripwire calls').to.deep.equal([]);
        expect(problems).to.deep.equal([]);
      } finally {
        render(null, baseline);
        render(null, container);
        baseline.remove();
        container.remove();
      }
    });
  }

  it('self-check: the tripwire fires for an inline handler that does get into the page', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const image = document.createElement('img');
    image.setAttribute('onerror', '__xss("self-check")');
    host.attachShadow({ mode: 'open' }).append(image);
    image.src = 'x:unloadable';
    try {
      await until(() => hits.length > 0, 'the tripwire', 5000);
      expect(hits).to.deep.equal(['__xss(self-check)']);
      expect(injected(host, renderedTags)).to.deep.equal(['<img> element', '<img onerror>']);
    } finally {
      hits.length = 0;
      host.remove();
    }
  });

  it('self-check: every payload that a parser would turn into markup is caught, with every tag the components render allowed', () => {
    // Parsed in a document without a browsing context: nothing loads or runs.
    const inert = document.implementation.createHTMLDocument('');
    const range = inert.createRange();
    range.selectNodeContents(inert.body);
    let markup = 0;
    const missed: string[] = [];
    for (const payload of payloads) {
      const holder = inert.createElement('div');
      holder.append(range.createContextualFragment(payload));
      if (holder.children.length === 0) continue;
      markup += 1;
      if (injected(holder, renderedTags).length === 0) missed.push(payload);
    }
    console.log(
      `xss: self-check: ${String(markup)} of ${String(payloads.length)} payloads become markup when parsed as HTML; the detector catches ${String(markup - missed.length)} of them with the ${String(renderedTags.size)} tags the components render allowed`,
    );
    expect(renderedTags.size, 'the component tests ran first').to.be.greaterThan(10);
    expect(markup).to.be.at.least(50);
    expect(missed).to.deep.equal([]);
  });

  it('builds the map link from any address as an https link, never a javascript: URL', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    try {
      const dispatches = payloads.flatMap((payload) => {
        const value = () => payload;
        const withPoint = hostileDispatch(value, 'en-route');
        return [
          hostileDispatch(value, 'en-route'),
          z.parse(Dispatch, {
            ...withPoint,
            callForService: {
              ...withPoint.callForService,
              location: { address: payload, area: 'county', lat: 39.8, lon: -89.6 },
            },
          }),
        ];
      });
      render(
        html`${dispatches.map((dispatch) => html`<peer-dispatch-card .client=${dispatchClientFor(dispatch)} dispatch-id=${dispatch.id}></peer-dispatch-card>`)}`,
        container,
      );
      await settle(container);
      const cards = [...container.querySelectorAll<PeerDispatchCard>('peer-dispatch-card')];
      for (const [index, card] of cards.entries()) {
        const link = shadowQuery(card, '[part~="map-link"]');
        if (!(link instanceof HTMLAnchorElement)) throw new Error('the map link is not a link');
        counts.links += 1;
        expect(link.protocol, link.href).to.equal('https:');
        expect(link.host).to.equal('www.openstreetmap.org');
        const address = dispatches[index]?.callForService.location.address ?? '';
        if (dispatches[index]?.callForService.location.lat === undefined) {
          expect(new URL(link.href).searchParams.get('query'), 'the address travels as a query value').to.equal(
            address,
          );
        }
      }
      expect(hits).to.deep.equal([]);
    } finally {
      render(null, container);
      container.remove();
    }
  });

  it('a host’s own resource list (not checked by the service) with javascript: and data: URLs gets no such link in the picker', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    const urls = [
      'javascript:__xss("picker-1")',
      'JaVaScRiPt:__xss("picker-2")',
      ' javascript:__xss("picker-3")',
      'data:text/html,<script>__xss("picker-4")</script>',
      'vbscript:__xss("picker-5")',
    ];
    try {
      // Past the contract on purpose: the host's list is whatever the host has.
      const lists = urls.map((url, index): Resource[] => [
        { ...hostileResource(() => 'Crisis stabilization unit', index), url },
      ]);
      render(
        html`${lists.map((resources) => html`<peer-referral-picker .resources=${resources} search-delay="0"></peer-referral-picker>`)}`,
        container,
      );
      const pickers = [...container.querySelectorAll<HTMLElement>('peer-referral-picker')];
      const open = placements.find((placement) => placement.selector === 'peer-referral-picker')?.prepare;
      if (!open) throw new Error('no way to open a resource in the picker');
      await Promise.all(pickers.map((picker) => open(picker)));
      for (const picker of pickers) {
        const links = linksIn(picker);
        counts.links += links.length;
        expect(
          links.filter((link) => !/^(?:https:\/\/|#|tel:)/.test(link)),
          'links other than https, tel and in-page',
        ).to.deep.equal([]);
        for (const anchor of elementsIn(picker).filter((element) => element instanceof HTMLAnchorElement))
          anchor.click();
      }
      await sleep(200);
      expect(hits, 'clicking every link ran nothing').to.deep.equal([]);
    } finally {
      render(null, container);
      container.remove();
    }
  });

  it('the contract refuses javascript:, data: and other non-web URLs for a resource’s links', () => {
    const resource = {
      name: 'Crisis stabilization unit',
      organization: { name: 'County Behavioral Health' },
      description: '',
      categories: ['crisis-stabilization'],
      location: {
        address: { street: '1 Main St', city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' },
      },
      languages: ['en'],
      fees: { acceptsMedicaid: true },
      settings: [],
      interceptStages: [],
    };
    const urls = [
      'javascript:__xss(1)',
      'JaVaScRiPt:__xss(2)',
      'java\tscript:__xss(3)',
      'data:text/html,<script>__xss(4)</script>',
      'vbscript:__xss(5)',
      'file:///etc/passwd',
    ];
    for (const url of urls) {
      counts.links += 2;
      expect(z.safeParse(ResourceInput, { ...resource, url }).success, url).to.equal(false);
      expect(
        z.safeParse(ResourceInput, { ...resource, organization: { ...resource.organization, url } }).success,
        url,
      ).to.equal(false);
    }
    expect(
      z.safeParse(ResourceInput, { ...resource, url: 'https://example.org/crisis' }).success,
      'an https link is fine',
    ).to.equal(true);
  });
});
