// The Custom Elements Manifest is the single source for docs, Storybook argTypes and the
// React wrappers; it is generated from the elements' JSDoc.

/** Copies a class's `@since` JSDoc tag into its manifest declaration (the analyzer drops it). */
function sinceTag() {
  return {
    name: 'peerlink-since',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const tag = ts.getJSDocTags(node).find((t) => t.tagName.getText() === 'since');
      const since = typeof tag?.comment === 'string' ? tag.comment.trim() : undefined;
      const declaration = moduleDoc.declarations?.find((d) => d.name === node.name.getText());
      if (since && declaration) declaration.since = since;
    },
  };
}

/** Orders modules by path, so the manifest is the same whatever order the file system lists them in. */
function stableOrder() {
  return {
    name: 'peerlink-stable-order',
    packageLinkPhase({ customElementsManifest }) {
      customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    },
  };
}

export default {
  globs: ['packages/elements/src/**/*.ts'],
  exclude: ['**/*.test.ts', '**/*.stories.ts'],
  outdir: 'packages/elements',
  litelement: true,
  // packages/elements/package.json already names the manifest; without this the analyzer
  // writes a `customElements` field into the root package.json.
  packagejson: false,
  plugins: [sinceTag(), stableOrder()],
};
