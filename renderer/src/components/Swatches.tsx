// Colours that tell accounts and labels apart, and the small network marks a post wears on the calendar.

import type { AccountWithRule } from '../../../shared/contract';
import type { PlatformId } from '../../../shared/domain';
import { type Dictionary, useStrings } from '../i18n';
import { Icon } from './Icon';

/** How many colours the palette has (tokens.css defines --swatch-0 … --swatch-7 for both themes). */
const SWATCHES = 8;

/** A stable colour per name: the same account or label keeps its colour on every screen and every run. */
export function swatchOf(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0) % SWATCHES;
}

export function NetworkIcon({ platform, size = 14 }: { readonly platform: PlatformId; readonly size?: number }) {
  return <Icon name={platform} size={size} />;
}

export interface AccountMarksProps {
  readonly accountIds: readonly string[];
  readonly accountsById: ReadonlyMap<string, AccountWithRule>;
}

/** The accounts a post goes to as coloured network marks, with their names for assistive technology. */
export function AccountMarks(props: AccountMarksProps) {
  return <AccountMarksIn t={useStrings()} {...props} />;
}

/** The same, given the strings: the calendar draws hundreds and passes them down instead of subscribing each one. */
export function AccountMarksIn({
  t,
  accountIds,
  accountsById,
  named = true,
}: AccountMarksProps & { readonly t: Dictionary; readonly named?: boolean }) {
  if (accountIds.length === 0) return <span className="marks marks--none">{t.calendar.noAccountsOnPost}</span>;
  const names = accountNames(t, accountIds, accountsById);
  return (
    <span className="marks" title={names.join(', ')}>
      {accountIds.map((id) => (
        // The network's mark is drawn by CSS (a mask), not an SVG element: calendars show hundreds of these.
        <span key={id} className={`mark mark--${accountsById.get(id)?.platform ?? 'unknown'} swatch-${swatchOf(id)}`} aria-hidden="true" />
      ))}
      {named ? <span className="sr-only">{names.join(', ')}</span> : null}
    </span>
  );
}

export function accountNames(t: Dictionary, accountIds: readonly string[], accountsById: ReadonlyMap<string, AccountWithRule>): string[] {
  return accountIds.map((id) => accountsById.get(id)?.name ?? t.composer.removedAccount);
}

export function LabelDot({ label }: { readonly label: string }) {
  return <span className={`label-dot swatch-${swatchOf(label)}`} aria-hidden="true" />;
}

export function LabelTag({ label }: { readonly label: string }) {
  return (
    <span className={`label-tag swatch-${swatchOf(label)}`}>
      <LabelDot label={label} />
      {label}
    </span>
  );
}
