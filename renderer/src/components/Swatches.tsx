// Colours that tell accounts and labels apart, and the small network marks a post wears on the calendar.

import type { AccountWithRule } from '../../../shared/contract';
import type { PlatformId } from '../../../shared/domain';
import { useStrings } from '../i18n';
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

/** The accounts a post goes to as coloured network marks, with their names for assistive technology. */
export function AccountMarks({
  accountIds,
  accountsById,
}: {
  readonly accountIds: readonly string[];
  readonly accountsById: ReadonlyMap<string, AccountWithRule>;
}) {
  const t = useStrings();
  if (accountIds.length === 0) return <span className="marks marks--none">{t.calendar.noAccountsOnPost}</span>;
  const names = accountIds.map((id) => accountsById.get(id)?.name ?? t.composer.removedAccount);
  return (
    <span className="marks" title={names.join(', ')}>
      {accountIds.map((id) => {
        const account = accountsById.get(id);
        return (
          <span key={id} className={`mark swatch-${swatchOf(id)}`} aria-hidden="true">
            {account ? <NetworkIcon platform={account.platform} size={11} /> : '?'}
          </span>
        );
      })}
      <span className="sr-only">{names.join(', ')}</span>
    </span>
  );
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
