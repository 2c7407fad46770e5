// The transitions table as docs/PUBLISHING.md shows it: a state diagram and a table, both generated from TRANSITIONS.

import type { TargetStatus } from '../../../shared/domain';
import { TRANSITIONS, type TransitionName, type TransitionRule } from './transitions';

export const DOC_START =
  '<!-- transitions: generated from TRANSITIONS in main/core/publishing/transitions.ts; checked by transitions.test.ts -->';
export const DOC_END = '<!-- /transitions -->';

const rules = (): [TransitionName, TransitionRule][] => Object.entries(TRANSITIONS) as [TransitionName, TransitionRule][];
const code = (s: string) => `\`${s}\``;
const states = (list: readonly TargetStatus[]) => (list.length === 0 ? '(new target)' : list.map(code).join(', '));

/** Every from → to pair once, labelled with the transitions that make it, in the table's order. */
export function transitionPairs(): { from: TargetStatus | null; to: TargetStatus; names: TransitionName[] }[] {
  const pairs = new Map<string, { from: TargetStatus | null; to: TargetStatus; names: TransitionName[] }>();
  for (const [name, rule] of rules()) {
    const froms: (TargetStatus | null)[] = rule.from.length === 0 ? [null] : [...rule.from];
    for (const from of froms) {
      for (const to of rule.to) {
        const key = `${from ?? '*'}>${to}`;
        const pair = pairs.get(key) ?? { from, to, names: [] };
        pair.names.push(name);
        pairs.set(key, pair);
      }
    }
  }
  return [...pairs.values()];
}

/** The section of docs/PUBLISHING.md between DOC_START and DOC_END, markers included. */
export function renderTransitionsDoc(): string {
  const diagram = transitionPairs().map((p) => `  ${p.from ?? '[*]'} --> ${p.to} : ${p.names.join(', ')}`);
  const table = rules().map(([name, r]) => `| ${code(name)} | ${states(r.from)} | ${states(r.to)} | ${r.when} |`);
  return [
    DOC_START,
    '',
    '```mermaid',
    'stateDiagram-v2',
    ...diagram,
    '```',
    '',
    '| Transition | From | To | When |',
    '| --- | --- | --- | --- |',
    ...table,
    '',
    DOC_END,
  ].join('\n');
}

/** The document with its transitions section replaced by the generated one; throws when the markers are missing. */
export function withTransitionsDoc(markdown: string): string {
  const start = markdown.indexOf(DOC_START);
  const end = markdown.indexOf(DOC_END);
  if (start < 0 || end < start) throw new Error(`The markers ${DOC_START} and ${DOC_END} are missing.`);
  return markdown.slice(0, start) + renderTransitionsDoc() + markdown.slice(end + DOC_END.length);
}
