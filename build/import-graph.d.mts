// Types of build/import-graph.mjs, for its test (main/importGraph.test.ts).

export interface Token {
  readonly kind: 'word' | 'string' | 'template' | 'regex' | 'number' | 'punct';
  readonly value: string;
}
export interface ImportFound {
  readonly specifier: string;
  readonly typeOnly: boolean;
}
export interface ResolvedImport extends ImportFound {
  /** The file it leads to, from the root with `/`; null for a package or a path with no file. */
  readonly to: string | null;
}
export type ImportGraph = Map<string, ResolvedImport[]>;
export interface CoreViolation {
  readonly from: string;
  readonly to: string;
  readonly typeOnly: boolean;
}
export interface Cycle {
  /** The strongly connected group, sorted. */
  readonly members: string[];
  /** One shortest cycle through the first member, first and last the same. */
  readonly example: string[];
}
export interface ImportCheck {
  readonly violations: CoreViolation[];
  readonly cycles: Cycle[];
  readonly unresolved: { readonly from: string; readonly specifier: string }[];
  readonly modules: number;
}

export function tokenize(source: string): Token[];
export function scanImports(source: string): ImportFound[];
export function isTest(file: string): boolean;
export function isProduction(file: string): boolean;
export function readGraph(root: string, dirs?: readonly string[]): ImportGraph;
export function unresolved(graph: ImportGraph): ImportCheck['unresolved'];
export function coreViolations(graph: ImportGraph): CoreViolation[];
export function findCycles(graph: ImportGraph, include?: (file: string) => boolean): Cycle[];
export function checkImports(root: string): ImportCheck;
export function report(check: ImportCheck): string;
