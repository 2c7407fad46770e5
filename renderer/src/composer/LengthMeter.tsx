// Live length counters, one per selected account, measured with the same rules the backend enforces.

import type { AccountWithRule } from '../../../shared/contract';
import { describeOverflow, measureText } from '../../../shared/platforms/rules';
import { useStrings } from '../i18n';

export interface LengthCheck {
  readonly account: AccountWithRule;
  readonly length: number;
  readonly maxLength: number;
  readonly overflow: string | null;
}

export function checkLengths(text: string, accounts: readonly AccountWithRule[]): LengthCheck[] {
  return accounts.map((account) => {
    const m = measureText(text, account.lengthRule);
    return { account, length: m.length, maxLength: m.maxLength, overflow: describeOverflow(m, account.name) };
  });
}

export function LengthMeter({ checks, id }: { readonly checks: readonly LengthCheck[]; readonly id?: string }) {
  const t = useStrings();
  if (checks.length === 0) return null;
  const warnings = checks.filter((c) => c.overflow);
  return (
    <div className="meter" id={id}>
      <ul className="meter__list" aria-label={t.composer.counterLabel}>
        {checks.map((c) => {
          const ratio = Math.min(1, c.length / c.maxLength);
          const tone = c.overflow ? 'over' : ratio > 0.9 ? 'near' : 'ok';
          return (
            <li key={c.account.id} className={`meter__item meter__item--${tone}`}>
              <span className="meter__label">{t.composer.counter(c.account.name, c.length, c.maxLength)}</span>
              <span className="meter__bar" aria-hidden="true">
                <span className="meter__fill" style={{ width: `${ratio * 100}%` }} />
              </span>
            </li>
          );
        })}
      </ul>
      <div aria-live="polite">
        {warnings.map((c) => (
          <p key={c.account.id} className="meter__warning">
            {c.overflow}
          </p>
        ))}
      </div>
    </div>
  );
}
