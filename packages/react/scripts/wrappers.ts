// Turns the Custom Elements Manifest into the source of @peerlink/react: one module per element
// wrapping it with @lit/react's createComponent, and the package index. Pure (no file access), so
// the test that keeps the committed files in step with the manifest runs the same code.
import * as z from 'zod/mini';

/** What the wrappers need from the manifest (schema 1.x); everything else in it is ignored. */
const ManifestEvent = z.object({ name: z.string().check(z.minLength(1)), description: z.optional(z.string()) });
const ManifestDeclaration = z.object({
  kind: z.string(),
  name: z.string(),
  customElement: z.optional(z.boolean()),
  tagName: z.optional(z.string()),
  summary: z.optional(z.string()),
  since: z.optional(z.string()),
  events: z.optional(z.array(ManifestEvent)),
});
const ManifestExport = z.object({ kind: z.string(), name: z.string() });
const ManifestModule = z.object({
  path: z.string(),
  declarations: z.optional(z.array(ManifestDeclaration)),
  exports: z.optional(z.array(ManifestExport)),
});
export const Manifest = z.object({
  schemaVersion: z.string().check(z.regex(/^1\./, 'Expected a 1.x Custom Elements Manifest')),
  modules: z.array(ManifestModule),
});
export type Manifest = z.infer<typeof Manifest>;

/** One element as the wrappers see it. */
export interface WrappedElement {
  tagName: string;
  className: string;
  /** The element's folder under packages/elements/src, which holds its `define.ts`. */
  folder: string;
  summary: string | undefined;
  since: string | undefined;
  events: { name: string; prop: string; description: string | undefined }[];
}

/** Thrown when the manifest cannot yield wrappers; the message names the module or element. */
export class ManifestError extends Error {
  override name = 'ManifestError';
}

const SOURCE_ROOT = 'packages/elements/src/';
const INDEX_MODULE = `${SOURCE_ROOT}index.ts`;

/** `peer-dispatch-requested` → `onPeerDispatchRequested`; `change` → `onChange`. */
export function eventProp(eventName: string): string {
  const words = eventName.split(/[-:.]+/).filter((word) => word.length > 0);
  if (words.length === 0 || !words.every((word) => /^[a-z0-9]+$/i.test(word))) {
    throw new ManifestError(`event name "${eventName}" cannot become a React prop (expected words joined by "-")`);
  }
  return `on${words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('')}`;
}

/** Parses the manifest and lists its elements, sorted by tag, checking each can be wrapped. */
export function elementsOf(json: unknown): WrappedElement[] {
  const parsed = Manifest.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ManifestError(
      `custom-elements.json: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}`,
    );
  }
  const { modules } = parsed.data;
  const paths = new Set(modules.map((module) => module.path));
  const index = modules.find((module) => module.path === INDEX_MODULE);
  if (!index)
    throw new ManifestError(
      `custom-elements.json has no module ${INDEX_MODULE}: is it the manifest of @peerlink/elements?`,
    );
  const exported = new Set((index.exports ?? []).map((entry) => entry.name));

  const elements: WrappedElement[] = [];
  for (const module of modules) {
    for (const declaration of module.declarations ?? []) {
      if (declaration.customElement !== true || declaration.tagName === undefined) continue;
      const { tagName, name: className } = declaration;
      const where = `<${tagName}> (${module.path})`;
      if (!/^peer-[a-z0-9]+(-[a-z0-9]+)*$/.test(tagName)) throw new ManifestError(`${where}: tag must be peer-*`);
      if (!module.path.startsWith(SOURCE_ROOT)) throw new ManifestError(`${where}: module is outside ${SOURCE_ROOT}`);
      const folder = module.path.slice(SOURCE_ROOT.length).split('/').slice(0, -1).join('/');
      if (!folder) throw new ManifestError(`${where}: an element lives in a folder of its own`);
      if (!paths.has(`${SOURCE_ROOT}${folder}/define.ts`))
        throw new ManifestError(`${where}: no ${SOURCE_ROOT}${folder}/define.ts to define it`);
      if (!exported.has(className))
        throw new ManifestError(`${where}: ${className} is not exported from ${INDEX_MODULE}`);

      const seen = new Map<string, string>();
      const events: WrappedElement['events'] = [];
      for (const event of declaration.events ?? []) {
        const prop = eventProp(event.name);
        const clash = seen.get(prop);
        if (clash === event.name) continue; // the same event documented twice (e.g. inherited)
        if (clash !== undefined)
          throw new ManifestError(`${where}: events "${clash}" and "${event.name}" both become ${prop}`);
        seen.set(prop, event.name);
        events.push({ name: event.name, prop, description: event.description });
      }
      elements.push({ tagName, className, folder, summary: declaration.summary, since: declaration.since, events });
    }
  }
  const tags = new Set<string>();
  for (const element of elements) {
    if (tags.has(element.tagName))
      throw new ManifestError(`<${element.tagName}> is declared twice in custom-elements.json`);
    tags.add(element.tagName);
  }
  return elements.sort((a, b) => a.tagName.localeCompare(b.tagName));
}

const HEADER = [
  '// Generated from packages/elements/custom-elements.json by packages/react/scripts/generate.ts.',
  '// Do not edit: change the element and its JSDoc, then run `pnpm cem` and `pnpm gen`.',
];

/** Text safe inside a block comment, on one line. */
const commentText = (text: string) => text.replace(/\s+/g, ' ').replace(/\*\//g, '*\\/').trim();

const quote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function wrapperModule(element: WrappedElement): string {
  const { className, tagName, events } = element;
  const elementAlias = `${className}Element`;
  const doc = [
    '/**',
    ...(element.summary ? [` * ${commentText(element.summary)}`, ' *'] : []),
    ` * \`<${tagName}>\` for React: props set the element's properties (objects and functions as they`,
    ' * are, never turned into attributes); importing this module defines the element.',
    ...(events.length > 0
      ? [
          ' *',
          ' * Events:',
          ...events.map(
            (event) =>
              ` * - \`${event.prop}\` — \`${event.name}\`${event.description ? `: ${commentText(event.description)}` : ''}`,
          ),
        ]
      : []),
    ...(element.since ? [' *', ` * @since ${element.since}`] : []),
    ' */',
  ];
  // wrapElement types each event: Peerlink's own by PeerEventMap (a missing one fails to compile),
  // native names by Peerlink's type if it declares one, else the DOM's.
  const call = `wrapElement(${quote(className)}, ${quote(tagName)}, ${elementAlias}`;
  return [
    ...HEADER,
    "import type * as React from 'react';",
    `import { ${className} as ${elementAlias} } from '@peerlink/elements';`,
    `import '@peerlink/elements/${element.folder}/define.js';`,
    "import { wrapElement } from './wrap-element.js';",
    '',
    ...doc,
    ...(events.length > 0
      ? [
          `export const ${className} = ${call}, {`,
          ...events.map((event) => `  ${event.prop}: ${quote(event.name)},`),
          '});',
        ]
      : [`export const ${className} = ${call});`]),
    '',
    `/** Props of {@link ${className}}: the element's properties, \`on…\` event handlers and React's own. */`,
    `export type ${className}Props = React.ComponentProps<typeof ${className}>;`,
    '',
  ].join('\n');
}

function indexModule(elements: readonly WrappedElement[]): string {
  return [
    ...HEADER,
    ...elements.map(
      (element) => `export { ${element.className}, type ${element.className}Props } from './${element.tagName}.js';`,
    ),
    "export type { ElementEvent } from './element-event.js';",
    '',
  ].join('\n');
}

/** The generated files, by path relative to packages/react/src. */
export function renderWrappers(json: unknown): Map<string, string> {
  const elements = elementsOf(json);
  const files = new Map<string, string>();
  for (const element of elements) files.set(`${element.tagName}.ts`, wrapperModule(element));
  files.set('index.ts', indexModule(elements));
  return files;
}

/** Whether a file in packages/react/src was written by the generator (and may be replaced by it). */
export const isGenerated = (text: string): boolean => text.startsWith(HEADER[0] ?? '');
