#!/usr/bin/env node
// The import graph of main/ and shared/, read from the TypeScript sources (import and export-from statements,
// type-only ones too, dynamic import() with a literal), and what in it breaks the backend's boundaries:
//   (a) a module of main/core importing a module of main/ outside main/core (a network, a shell, the test helpers,
//       the composition list): the core knows features only through the interfaces it defines;
//   (b) import cycles among production modules (tests and testing/ folders left out), as strongly connected groups.
// Run by hand: `node build/import-graph.mjs [root]` prints both and exits 1 when there is any.
// main/importGraph.test.ts runs the same checks on the repository and on small fixtures.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const IDENT_START = /[A-Za-z_$\u0080-\uffff]/;
const IDENT_PART = /[A-Za-z0-9_$\u0080-\uffff]/;
// After these keywords a `/` starts a regular expression, not a division.
const REGEX_AFTER_WORD = new Set([
  'return',
  'typeof',
  'instanceof',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'case',
  'do',
  'else',
  'yield',
  'await',
]);

/** The tokens of a TypeScript source that matter for imports: words, strings (with their value), punctuation. */
export function tokenize(source) {
  const tokens = [];
  const braces = []; // for each open `{`: true when it opened a template's `${`
  let i = 0;
  const n = source.length;
  const last = () => tokens[tokens.length - 1];
  const regexAllowed = () => {
    const t = last();
    if (!t) return true;
    if (t.kind === 'word') return REGEX_AFTER_WORD.has(t.value);
    if (t.kind === 'string' || t.kind === 'template' || t.kind === 'regex') return false;
    return !(t.value === ')' || t.value === ']' || t.value === '}');
  };
  // Reads a template from just after its opening backtick (or a `}` closing a `${`) to its end or next `${`.
  const templateRest = () => {
    while (i < n) {
      const c = source[i];
      if (c === '\\') {
        i += 2;
      } else if (c === '`') {
        i++;
        tokens.push({ kind: 'template', value: '' });
        return;
      } else if (c === '$' && source[i + 1] === '{') {
        i += 2;
        tokens.push({ kind: 'template', value: '' });
        braces.push(true);
        return;
      } else {
        i++;
      }
    }
  };
  while (i < n) {
    const c = source[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v' || c === '\ufeff') {
      i++;
    } else if (c === '/' && source[i + 1] === '/') {
      while (i < n && source[i] !== '\n') i++;
    } else if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === '"' || c === "'") {
      let value = '';
      i++;
      while (i < n && source[i] !== c) {
        if (source[i] === '\\') {
          value += source[i + 1] ?? '';
          i += 2;
        } else if (source[i] === '\n') {
          break; // an unterminated string; stop at the line's end
        } else {
          value += source[i++];
        }
      }
      i++;
      tokens.push({ kind: 'string', value });
    } else if (c === '`') {
      i++;
      templateRest();
    } else if (c === '/' && regexAllowed()) {
      let inClass = false;
      i++;
      while (i < n) {
        const d = source[i];
        if (d === '\\') i += 2;
        else if (d === '\n') break;
        else {
          i++;
          if (d === '[') inClass = true;
          else if (d === ']') inClass = false;
          else if (d === '/' && !inClass) break;
        }
      }
      while (i < n && IDENT_PART.test(source[i])) i++;
      tokens.push({ kind: 'regex', value: '' });
    } else if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < n && IDENT_PART.test(source[j])) j++;
      tokens.push({ kind: 'word', value: source.slice(i, j) });
      i = j;
    } else if (c >= '0' && c <= '9') {
      let j = i + 1;
      while (j < n && /[0-9A-Za-z_.]/.test(source[j])) j++;
      tokens.push({ kind: 'number', value: source.slice(i, j) });
      i = j;
    } else if (c === '{') {
      braces.push(false);
      tokens.push({ kind: 'punct', value: '{' });
      i++;
    } else if (c === '}') {
      i++;
      if (braces.pop()) templateRest();
      else tokens.push({ kind: 'punct', value: '}' });
    } else {
      tokens.push({ kind: 'punct', value: c });
      i++;
    }
  }
  return tokens;
}

const isPunct = (t, v) => t?.kind === 'punct' && t.value === v;
const isWord = (t, v) => t?.kind === 'word' && t.value === v;

/**
 * The modules a source imports: `{ specifier, typeOnly }` for each import/export-from statement, `import x = require()`
 * and `import('literal')`. typeOnly: `import type`, `export type`, or named imports that are all `type`.
 */
export function scanImports(source) {
  const tokens = tokenize(source);
  const found = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    const prev = tokens[k - 1];
    if (t.kind !== 'word' || isPunct(prev, '.')) continue; // `x.import` is a property
    if (t.value === 'import') {
      const next = tokens[k + 1];
      if (next?.kind === 'string') {
        found.push({ specifier: next.value, typeOnly: false });
        continue;
      }
      if (isPunct(next, '(')) {
        if (tokens[k + 2]?.kind === 'string') found.push({ specifier: tokens[k + 2].value, typeOnly: false });
        continue;
      }
      if (isPunct(next, '.')) continue; // import.meta
      const clause = statementUntilFrom(tokens, k + 1);
      if (clause) found.push({ specifier: clause.specifier, typeOnly: clause.typeOnly });
    } else if (t.value === 'export') {
      const next = tokens[k + 1];
      if (!(isPunct(next, '{') || isPunct(next, '*') || isWord(next, 'type'))) continue;
      if (isWord(next, 'type') && !(isPunct(tokens[k + 2], '{') || isPunct(tokens[k + 2], '*'))) continue; // export type X = ...
      const clause = statementUntilFrom(tokens, k + 1);
      if (clause) found.push({ specifier: clause.specifier, typeOnly: clause.typeOnly });
    }
  }
  return found;
}

// From just after `import`/`export` to `from '...'` (or `= require('...')`); null when the statement has no module.
function statementUntilFrom(tokens, start) {
  let k = start;
  let typeOnly = false;
  if (isWord(tokens[k], 'type') && !isWord(tokens[k + 1], 'from') && !isPunct(tokens[k + 1], ',')) {
    typeOnly = true;
    k++;
  }
  let named = 0;
  let namedTypes = 0;
  let defaultOrNamespace = false;
  let depth = 0;
  for (; k < tokens.length; k++) {
    const t = tokens[k];
    if (isPunct(t, '{')) {
      depth++;
      // the first name in the braces
      if (!isPunct(tokens[k + 1], '}')) {
        named++;
        if (isWord(tokens[k + 1], 'type') && tokens[k + 2]?.kind === 'word' && !isWord(tokens[k + 2], 'as')) namedTypes++;
      }
    } else if (isPunct(t, '}')) {
      depth--;
    } else if (isPunct(t, ',') && depth > 0 && !isPunct(tokens[k + 1], '}')) {
      named++;
      if (isWord(tokens[k + 1], 'type') && tokens[k + 2]?.kind === 'word' && !isWord(tokens[k + 2], 'as')) namedTypes++;
    } else if (depth === 0 && isWord(t, 'from') && tokens[k + 1]?.kind === 'string') {
      const allTypes = named > 0 && namedTypes === named && !defaultOrNamespace;
      return { specifier: tokens[k + 1].value, typeOnly: typeOnly || allTypes };
    } else if (depth === 0 && isPunct(t, '=') && isWord(tokens[k + 1], 'require') && isPunct(tokens[k + 2], '(')) {
      const s = tokens[k + 3];
      return s?.kind === 'string' ? { specifier: s.value, typeOnly } : null;
    } else if (depth === 0 && (isPunct(t, ';') || t.kind === 'string' || isPunct(t, '('))) {
      return null;
    } else if (depth === 0 && (t.kind === 'word' || isPunct(t, '*'))) {
      if (!isWord(t, 'as')) defaultOrNamespace = true;
    }
  }
  return null;
}

const SOURCE_EXT = /\.(ts|tsx|mts|cts)$/;

function listSources(dir) {
  const out = [];
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listSources(path));
    else if (SOURCE_EXT.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Where a relative specifier leads, as a path from root with `/`; null when no file is there. */
function resolveSpecifier(root, fromFile, specifier) {
  const base = resolve(dirname(join(root, fromFile)), specifier);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')];
  if (/\.(m|c)?js$/.test(base)) candidates.push(base.replace(/\.(m|c)?js$/, '.ts'), base.replace(/\.(m|c)?js$/, '.tsx'));
  for (const c of candidates) {
    if (existsSync(c) && statSync(c).isFile()) return relative(root, c).split(sep).join('/');
  }
  return null;
}

export const isTest = (file) => /\.test\.tsx?$/.test(file);
/** Production modules: not tests, not test support (main/testing, any testing/ folder). */
export const isProduction = (file) => !isTest(file) && !file.split('/').includes('testing');

/**
 * The graph of every source under `dirs` (paths from root with `/`): file → its imports, each resolved to a file
 * (`to`, null for a package or an unresolvable path) with whether it is type-only.
 */
export function readGraph(root, dirs = ['main', 'shared']) {
  const graph = new Map();
  for (const dir of dirs) {
    for (const abs of listSources(join(root, dir))) {
      const file = relative(root, abs).split(sep).join('/');
      const imports = scanImports(readFileSync(abs, 'utf8')).map((imp) => ({
        ...imp,
        to: imp.specifier.startsWith('.') ? resolveSpecifier(root, file, imp.specifier) : null,
      }));
      graph.set(file, imports);
    }
  }
  return graph;
}

/** Relative imports that lead to no file: a typo the compiler would report, or something this reader missed. */
export function unresolved(graph) {
  const out = [];
  for (const [file, imports] of graph) {
    for (const imp of imports) if (imp.specifier.startsWith('.') && imp.to === null) out.push({ from: file, specifier: imp.specifier });
  }
  return out;
}

/** (a) Imports from main/core (tests left out) into main/ outside main/core. */
export function coreViolations(graph) {
  const out = [];
  for (const [file, imports] of graph) {
    if (!file.startsWith('main/core/') || isTest(file)) continue;
    for (const imp of imports) {
      if (imp.to?.startsWith('main/') && !imp.to.startsWith('main/core/')) out.push({ from: file, to: imp.to, typeOnly: imp.typeOnly });
    }
  }
  return out;
}

/**
 * (b) Cycles among production modules: each strongly connected group of two or more modules (or one importing
 * itself), its members sorted, with one shortest cycle through its first member as an example.
 */
export function findCycles(graph, include = isProduction) {
  const nodes = [...graph.keys()].filter(include).sort();
  const inGraph = new Set(nodes);
  const edges = new Map(
    nodes.map((f) => [f, [...new Set((graph.get(f) ?? []).map((i) => i.to).filter((to) => to !== null && inGraph.has(to)))].sort()]),
  );
  // Tarjan's algorithm, iterative so deep chains do not overflow the stack.
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const onStack = new Set();
  const stack = [];
  const groups = [];
  for (const startNode of nodes) {
    if (idx.has(startNode)) continue;
    const work = [{ node: startNode, next: 0 }];
    idx.set(startNode, index);
    low.set(startNode, index++);
    stack.push(startNode);
    onStack.add(startNode);
    while (work.length) {
      const frame = work[work.length - 1];
      const out = edges.get(frame.node);
      if (frame.next < out.length) {
        const to = out[frame.next++];
        if (!idx.has(to)) {
          idx.set(to, index);
          low.set(to, index++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node), idx.get(to)));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent), low.get(frame.node)));
      }
      if (low.get(frame.node) === idx.get(frame.node)) {
        const group = [];
        let member;
        do {
          member = stack.pop();
          onStack.delete(member);
          group.push(member);
        } while (member !== frame.node);
        if (group.length > 1 || edges.get(frame.node).includes(frame.node)) groups.push(group.sort());
      }
    }
  }
  return groups
    .map((members) => ({ members, example: shortestCycle(members[0], new Set(members), edges) }))
    .sort((a, b) => a.members[0].localeCompare(b.members[0]));
}

function shortestCycle(start, within, edges) {
  const cameFrom = new Map();
  const queue = [start];
  for (let q = 0; q < queue.length; q++) {
    const node = queue[q];
    for (const to of edges.get(node)) {
      if (!within.has(to)) continue;
      if (to === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(cameFrom.get(path[0]));
        return [...path, start];
      }
      if (!cameFrom.has(to)) {
        cameFrom.set(to, node);
        queue.push(to);
      }
    }
  }
  return [start, start];
}

/** Both checks on a folder holding main/ and shared/. */
export function checkImports(root) {
  const graph = readGraph(root);
  return { violations: coreViolations(graph), cycles: findCycles(graph), unresolved: unresolved(graph), modules: graph.size };
}

export function report({ violations, cycles, unresolved: lost, modules }) {
  const lines = [`${modules} modules read.`];
  lines.push(
    violations.length ? `main/core imports outside the core (${violations.length}):` : 'main/core imports nothing outside the core.',
  );
  for (const v of violations) lines.push(`  ${v.from} -> ${v.to}${v.typeOnly ? ' (types)' : ''}`);
  lines.push(cycles.length ? `Import cycles among production modules (${cycles.length}):` : 'No import cycles among production modules.');
  for (const c of cycles) {
    lines.push(`  ${c.members.length} modules: ${c.members.join(', ')}`);
    lines.push(`    for example ${c.example.join(' -> ')}`);
  }
  if (lost.length) {
    lines.push(`Relative imports that lead to no file (${lost.length}):`);
    for (const u of lost) lines.push(`  ${u.from}: '${u.specifier}'`);
  }
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
  const result = checkImports(root);
  console.log(report(result));
  process.exitCode = result.violations.length || result.cycles.length || result.unresolved.length ? 1 : 0;
}
