// A rollup plugin for builds with several entries that share chunks (the CDN folder). Rollup
// assigns whole modules to chunks and tree-shakes each module once for the whole build, so a
// shared chunk holds whatever any entry uses of the modules in it: the request button's page would
// carry the zod schema kinds and contract schemas only the log form or the picker use. This plugin
// splits each selected module into one module per group of top-level declarations (declarations
// that refer to each other in a cycle, or assign to each other's variables, stay together), behind
// a facade that re-exports them under the same names. Chunks then hold what their entries use,
// declaration by declaration, as a single-entry bundle does.
//
// Only modules made of imports, exports and declarations are split: a module with any other
// statement at the top (a side effect whose order matters) is left whole. Each part keeps every
// character at its place (the rest is blanked, imports and exports are appended), so the module's
// source map serves each part unchanged.

const PREFIX = '\0peerlink-part:';

/** Names a binding pattern declares (`a`, `{ a, b: [c] }`, `...d`). */
function patternNames(pattern, names = []) {
  if (!pattern) return names;
  if (pattern.type === 'Identifier') names.push(pattern.name);
  else if (pattern.type === 'ObjectPattern') {
    for (const p of pattern.properties) patternNames(p.type === 'RestElement' ? p.argument : p.value, names);
  } else if (pattern.type === 'ArrayPattern') for (const p of pattern.elements) patternNames(p, names);
  else if (pattern.type === 'RestElement') patternNames(pattern.argument, names);
  else if (pattern.type === 'AssignmentPattern') patternNames(pattern.left, names);
  return names;
}

function declaredNames(declaration) {
  if (declaration.type === 'VariableDeclaration') return declaration.declarations.flatMap((d) => patternNames(d.id));
  return declaration.id ? [declaration.id.name] : [];
}

/**
 * The identifiers a statement reads and the ones it assigns, by name. Local bindings that shadow a
 * top-level name are counted too: that only keeps two declarations together that could be apart.
 */
function references(node) {
  const read = new Set();
  const written = new Set();
  const walk = (n, parent, key) => {
    if (!n || typeof n.type !== 'string') return;
    if (n.type === 'Identifier') {
      // `a.name` and `{ name: … }` (a property's or a class member's key) name no binding.
      const property = (key === 'property' || key === 'key') && !parent.computed;
      if (!property) read.add(n.name);
      return;
    }
    if (['LabeledStatement', 'BreakStatement', 'ContinueStatement', 'MetaProperty'].includes(n.type)) {
      if (n.body) walk(n.body, n, 'body');
      return;
    }
    if (n.type === 'AssignmentExpression') patternNames(n.left).forEach((name) => written.add(name));
    if (n.type === 'UpdateExpression' && n.argument.type === 'Identifier') written.add(n.argument.name);
    for (const [k, value] of Object.entries(n)) {
      if (Array.isArray(value)) value.forEach((v) => walk(v, n, k));
      else if (value && typeof value === 'object') walk(value, n, k);
    }
  };
  walk(node);
  return { read, written };
}

/** Strongly connected components of a graph over 0..n-1 (Tarjan), each a list of nodes. */
function components(n, edges) {
  const index = new Array(n).fill(-1);
  const low = new Array(n).fill(0);
  const onStack = new Array(n).fill(false);
  const stack = [];
  const result = [];
  let counter = 0;
  const visit = (v) => {
    index[v] = low[v] = counter++;
    stack.push(v);
    onStack[v] = true;
    for (const w of edges[v]) {
      if (index[w] === -1) {
        visit(w);
        low[v] = Math.min(low[v], low[w]);
      } else if (onStack[w]) low[v] = Math.min(low[v], index[w]);
    }
    if (low[v] === index[v]) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        onStack[w] = false;
        component.push(w);
      } while (w !== v);
      result.push(component.sort((a, b) => a - b));
    }
  };
  for (let v = 0; v < n; v += 1) if (index[v] === -1) visit(v);
  return result;
}

/** A module's top-level statements sorted out, or undefined when it has one this plugin leaves whole. */
async function statementsOf(context, code, id) {
  const imports = new Map(); // local name → { source: resolved id, imported: name, 'default' or '*' }
  const units = []; // declarations: { statement, declaration, names, exported }
  const facade = []; // statements the facade keeps as they are
  const exportLists = []; // `export { a, b as c }`
  for (const statement of context.parse(code).body) {
    const { type } = statement;
    // A directive ('use strict', which esbuild writes) says nothing a module does not already.
    if (type === 'ExpressionStatement' && statement.directive) continue;
    if (type === 'ImportDeclaration') {
      const resolved = await context.resolve(statement.source.value, id);
      if (!resolved || resolved.external) return undefined;
      if (statement.specifiers.length === 0) facade.push(code.slice(statement.start, statement.end));
      for (const s of statement.specifiers) {
        const namespace = s.type === 'ImportNamespaceSpecifier';
        const imported = namespace ? '*' : s.type === 'ImportDefaultSpecifier' ? 'default' : s.imported.name;
        if (!imported) return undefined;
        imports.set(s.local.name, { source: resolved.id, imported });
      }
    } else if (type === 'ExportAllDeclaration' || (type === 'ExportNamedDeclaration' && statement.source)) {
      facade.push(code.slice(statement.start, statement.end));
    } else if (type === 'ExportNamedDeclaration' && !statement.declaration) {
      exportLists.push(statement);
    } else if (['FunctionDeclaration', 'ClassDeclaration', 'VariableDeclaration'].includes(type)) {
      units.push({ statement, declaration: statement, names: declaredNames(statement), exported: false });
    } else if (type === 'ExportNamedDeclaration') {
      const { declaration } = statement;
      units.push({ statement, declaration, names: declaredNames(declaration), exported: true });
    } else {
      return undefined;
    }
  }
  return { imports, units, facade, exportLists };
}

/**
 * Groups a module's declarations into parts, each a list of unit indexes. Declarations that assign
 * to another's variable join it (an import cannot be assigned); then each cycle of references is
 * one part, so the parts import each other without a cycle and run in an order that works.
 */
function partition(units) {
  const unitOf = new Map(units.flatMap((unit, i) => unit.names.map((name) => [name, i])));
  const joined = units.map((_, i) => i);
  const root = (i) => (joined[i] === i ? i : (joined[i] = root(joined[i])));
  const refs = units.map((unit) => references(unit.declaration));
  refs.forEach(({ written }, i) => {
    for (const name of written) if (unitOf.has(name)) joined[root(i)] = root(unitOf.get(name));
  });
  const groups = [...new Set(units.map((_, i) => root(i)))];
  const groupOf = new Map(groups.map((r, g) => [r, g]));
  const edges = groups.map(() => new Set());
  refs.forEach(({ read }, i) => {
    for (const name of read) if (unitOf.has(name)) edges[groupOf.get(root(i))].add(groupOf.get(root(unitOf.get(name))));
  });
  return components(
    groups.length,
    edges.map((set) => [...set]),
  ).map((scc) => units.map((_, i) => i).filter((i) => scc.includes(groupOf.get(root(i)))));
}

/** `{ a }`, `{ a as b }` or `* as b`: how an import or export names a binding. */
const specifier = (imported, local) =>
  imported === '*' ? `* as ${local}` : `{ ${imported === local ? local : `${imported} as ${local}`} }`;

/**
 * Splits the modules whose id `include` accepts. Put it after the plugins that compile them: it
 * reads JavaScript.
 */
export function splitModules({ include }) {
  const parts = new Map();
  return {
    name: 'peerlink-split-modules',
    resolveId(source, importer) {
      if (source.startsWith(PREFIX)) return source;
      // A part's dynamic imports resolve from the module it came from.
      if (importer?.startsWith(PREFIX)) return this.resolve(source, importer.slice(PREFIX.length).replace(/#\d+$/, ''));
      return null;
    },
    load: (id) => parts.get(id) ?? null,
    async transform(code, id) {
      if (id.startsWith('\0') || !include(id)) return null;
      const module = await statementsOf(this, code, id);
      if (!module || module.units.length < 2) return null;
      const { imports, units, facade, exportLists } = module;
      const groups = partition(units);
      if (groups.length < 2) return null;

      const partOfUnit = new Map(groups.flatMap((members, p) => members.map((i) => [i, p])));
      const unitOf = new Map(units.flatMap((unit, i) => unit.names.map((name) => [name, i])));
      const partId = (name) => `${PREFIX}${id}#${partOfUnit.get(unitOf.get(name))}`;
      const from = (name) => JSON.stringify(partId(name));

      // The facade: the module's exports, each from the part or the module that now holds it.
      for (const { exported, names } of units) {
        if (exported) facade.push(`export { ${names.join(', ')} } from ${from(names[0])};`);
      }
      for (const list of exportLists) {
        for (const s of list.specifiers) {
          const [local, exported] = [s.local.name, s.exported.name];
          if (!local || !exported) return null;
          if (unitOf.has(local)) facade.push(`export ${specifier(local, exported)} from ${from(local)};`);
          else if (imports.has(local)) {
            const { source, imported } = imports.get(local);
            facade.push(`export ${specifier(imported, exported)} from ${JSON.stringify(source)};`);
          } else return null;
        }
      }

      // Each part: its declarations where they were (the rest blanked, lines kept, so the module's
      // source map serves it), then what it imports and exports.
      const map = this.getCombinedSourcemap();
      const blank = code.replace(/[^\n]/g, ' ');
      groups.forEach((members, p) => {
        const chars = blank.split('');
        for (const i of members) {
          const { statement, declaration } = units[i];
          for (let c = declaration.start; c < statement.end; c += 1) chars[c] = code[c];
        }
        const own = new Set(members.flatMap((i) => units[i].names));
        const lines = [];
        const fromParts = new Map();
        for (const name of new Set(members.flatMap((i) => [...references(units[i].declaration).read]))) {
          if (own.has(name)) continue;
          if (unitOf.has(name)) fromParts.set(partId(name), [...(fromParts.get(partId(name)) ?? []), name]);
          else if (imports.has(name)) {
            const { source, imported } = imports.get(name);
            lines.push(`import ${specifier(imported, name)} from ${JSON.stringify(source)};`);
          }
        }
        for (const [part, names] of fromParts) lines.push(`import { ${names.join(', ')} } from "${part}";`);
        lines.push(`export { ${[...own].join(', ')} };`);
        parts.set(`${PREFIX}${id}#${p}`, { code: `${chars.join('')}\n${lines.join('\n')}\n`, map });
      });
      return { code: `${facade.join('\n')}\n`, map: { mappings: '' } };
    },
  };
}
