// @peerlink/react is generated from the Custom Elements Manifest; these keep the committed
// wrappers in step with it and check what the generator makes of a manifest.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { expectedWrappers, manifestUrl, sourceUrl } from '../../packages/react/scripts/generate.js';
import {
  ManifestError,
  elementsOf,
  eventProp,
  isGenerated,
  renderWrappers,
} from '../../packages/react/scripts/wrappers.js';

const stale =
  'is stale: run `node --conditions=source --import tsx packages/react/scripts/generate.ts` (or `pnpm gen`) and commit the result';

/** A manifest with the package index and one element module, as the analyzer writes them. */
function manifest(element: Record<string, unknown>, options: { define?: boolean; exported?: boolean } = {}) {
  const className = typeof element.name === 'string' ? element.name : 'PeerThing';
  return {
    schemaVersion: '1.0.0',
    modules: [
      {
        kind: 'javascript-module',
        path: 'packages/elements/src/index.ts',
        declarations: [],
        exports: options.exported === false ? [] : [{ kind: 'js', name: className }],
      },
      {
        kind: 'javascript-module',
        path: 'packages/elements/src/thing/thing.ts',
        declarations: [{ kind: 'class', customElement: true, ...element }],
      },
      ...(options.define === false
        ? []
        : [{ kind: 'javascript-module', path: 'packages/elements/src/thing/define.ts', declarations: [] }]),
    ],
  };
}

describe('@peerlink/react generated wrappers', () => {
  it(`match packages/elements/custom-elements.json (else packages/react/src ${stale})`, () => {
    const expected = expectedWrappers();
    const onDisk = readdirSync(sourceUrl).filter((name) => isGenerated(readFileSync(new URL(name, sourceUrl), 'utf8')));
    assert.deepEqual(
      onDisk.sort(),
      [...expected.keys()].sort(),
      `the set of generated files in packages/react/src ${stale}`,
    );
    for (const [name, text] of expected) {
      assert.ok(readFileSync(new URL(name, sourceUrl), 'utf8') === text, `packages/react/src/${name} ${stale}`);
    }
  });

  it('wraps every custom element of the manifest, each defined by its own define.js', () => {
    const json: unknown = JSON.parse(readFileSync(manifestUrl, 'utf8'));
    const elements = elementsOf(json);
    const files = renderWrappers(json);
    assert.ok(elements.length >= 5, 'the manifest lists the elements');
    for (const element of elements) {
      const text = files.get(`${element.tagName}.ts`) ?? '';
      assert.ok(text.includes(`wrapElement('${element.className}', '${element.tagName}', `), element.tagName);
      assert.match(text, new RegExp(`import '@peerlink/elements/${element.folder}/define\\.js';`));
      for (const event of element.events)
        assert.ok(text.includes(`\n  ${event.prop}: '${event.name}',\n`), `${element.tagName} ${event.name}`);
      assert.match(
        files.get('index.ts') ?? '',
        new RegExp(
          `export \\{ ${element.className}, type ${element.className}Props \\} from './${element.tagName}\\.js';`,
        ),
      );
    }
    const badge = elements.find((element) => element.tagName === 'peer-certification-badge');
    assert.deepEqual(
      badge?.events.map((event) => event.prop),
      ['onPeerCredentialVerified', 'onPeerError'],
    );
  });

  it('names event props in camelCase after on, native names included', () => {
    assert.equal(eventProp('peer-dispatch-requested'), 'onPeerDispatchRequested');
    assert.equal(eventProp('peer-referral-created'), 'onPeerReferralCreated');
    assert.equal(eventProp('change'), 'onChange');
    assert.throws(() => eventProp('peer error!'), ManifestError);
  });

  it('hands each event to wrapElement under its prop, which types it by PeerEventMap or the DOM', () => {
    const files = renderWrappers(
      manifest({
        name: 'PeerThing',
        tagName: 'peer-thing',
        events: [{ name: 'peer-thing-picked' }, { name: 'change' }],
      }),
    );
    const text = files.get('peer-thing.ts') ?? '';
    assert.match(text, /import \{ wrapElement \} from '\.\/wrap-element\.js';/);
    assert.match(
      text,
      /export const PeerThing = wrapElement\('PeerThing', 'peer-thing', PeerThingElement, \{\n {2}onPeerThingPicked: 'peer-thing-picked',\n {2}onChange: 'change',\n\}\);/,
    );
    assert.ok(isGenerated(text));
    const quiet = renderWrappers(manifest({ name: 'PeerThing', tagName: 'peer-thing' })).get('peer-thing.ts') ?? '';
    assert.match(quiet, /export const PeerThing = wrapElement\('PeerThing', 'peer-thing', PeerThingElement\);/);
  });

  it('refuses a manifest it cannot wrap, saying which element and why', () => {
    assert.throws(() => elementsOf({ modules: [] }), /custom-elements\.json: schemaVersion/);
    assert.throws(
      () => elementsOf(manifest({ name: 'PeerThing', tagName: 'peer-thing' }, { define: false })),
      /<peer-thing> .*no packages\/elements\/src\/thing\/define\.ts/,
    );
    assert.throws(
      () => elementsOf(manifest({ name: 'PeerThing', tagName: 'peer-thing' }, { exported: false })),
      /PeerThing is not exported from packages\/elements\/src\/index\.ts/,
    );
    assert.throws(() => elementsOf(manifest({ name: 'XThing', tagName: 'x-thing' })), /tag must be peer-\*/);
    assert.throws(
      () =>
        elementsOf(
          manifest({ name: 'PeerThing', tagName: 'peer-thing', events: [{ name: 'peer-a-b' }, { name: 'peer-a:b' }] }),
        ),
      /events "peer-a-b" and "peer-a:b" both become onPeerAB/,
    );
  });
});
