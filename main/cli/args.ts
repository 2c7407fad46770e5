// Splits a kairos command line into words, options and the global --json / --data-dir flags.

export interface ParsedArgs {
  readonly words: readonly string[];
  readonly options: ReadonlyMap<string, readonly string[]>;
  /** Options in the order they were given, for pairs such as --media FILE --alt TEXT. */
  readonly ordered: readonly (readonly [string, string])[];
  readonly json: boolean;
  readonly dataDir: string | undefined;
}

export class UsageError extends Error {}

/** Options that take no value. */
const FLAGS = new Set([
  'json',
  'once',
  'draft',
  'help',
  'all',
  'sensitive',
  'no-handoff',
  'handoff',
  'silent',
  'dry-run',
  'observances',
  'off',
  'yes',
  'trust-proxy',
]);
/** Options that take several values (until the next option). */
const MULTI = new Set(['to', 'map', 'label']);

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const words: string[] = [];
  const options = new Map<string, string[]>();
  const ordered: [string, string][] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') {
      words.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('--') || a.length === 2) {
      words.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq === -1 ? a.slice(2) : a.slice(2, eq);
    const list = options.get(name) ?? [];
    options.set(name, list);
    if (eq !== -1) {
      list.push(a.slice(eq + 1));
      ordered.push([name, a.slice(eq + 1)]);
      continue;
    }
    if (FLAGS.has(name)) {
      list.push('true');
      ordered.push([name, 'true']);
      continue;
    }
    const next = argv[i + 1];
    if (next === undefined || (next.startsWith('--') && next.length > 2)) throw new UsageError(`--${name} needs a value.`);
    list.push(next);
    ordered.push([name, next]);
    i++;
    if (MULTI.has(name)) {
      while (i + 1 < argv.length && !(argv[i + 1] as string).startsWith('--')) {
        list.push(argv[i + 1] as string);
        i++;
      }
    }
  }
  const dataDir = options.get('data-dir')?.at(-1);
  const json = options.has('json');
  options.delete('data-dir');
  options.delete('json');
  return { words, options, ordered, json, dataDir };
}

/** Whether output will be JSON, known before the line is parsed (so even a usage error prints safely). */
export function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some((a) => a === '--json' || a.startsWith('--json='));
}

export function one(args: ParsedArgs, name: string): string | undefined {
  return args.options.get(name)?.at(-1);
}

export function all(args: ParsedArgs, name: string): readonly string[] {
  return args.options.get(name) ?? [];
}

export function requireOne(args: ParsedArgs, name: string, what: string): string {
  const v = one(args, name);
  if (v === undefined || v === '') throw new UsageError(`--${name} is required: ${what}.`);
  return v;
}

/** Refuses options the command does not know, so a typo is not silently ignored. */
export function allowOnly(args: ParsedArgs, known: readonly string[]): void {
  for (const name of args.options.keys()) {
    if (!known.includes(name)) throw new UsageError(`Unknown option --${name}.`);
  }
}
