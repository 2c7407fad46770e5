// Live length counters, one per selected account, measured with the same rules the backend enforces.

import type { AccountWithRule } from '../../../shared/contract';
import { describeOverflow, type Measurement, measureText } from '../../../shared/platforms/rules';
import { useLanguage, useStrings } from '../i18n';

export interface LengthCheck {
  readonly account: AccountWithRule;
  readonly length: number;
  readonly maxLength: number;
  /** The account has its own version of the text. */
  readonly overridden: boolean;
  readonly overflow: string | null;
}

/** Each account's count of its own version, or of the shared text. */
export function checkLengths(
  text: string,
  accounts: readonly AccountWithRule[],
  overrides: Readonly<Record<string, string>> = {},
  explain: (m: Measurement, name: string) => string | null = describeOverflow,
): LengthCheck[] {
  return accounts.map((account) => {
    const own = overrides[account.id];
    const m = measureText(own ?? text, account.lengthRule);
    return { account, length: m.length, maxLength: m.maxLength, overridden: own !== undefined, overflow: explain(m, account.name) };
  });
}

export function LengthMeter({
  checks,
  id,
  label,
}: {
  readonly checks: readonly LengthCheck[];
  readonly id?: string;
  readonly label?: string;
}) {
  const t = useStrings();
  const lang = useLanguage();
  if (checks.length === 0) return null;
  const warnings = checks.filter((c) => c.overflow);
  return (
    <div className="meter" id={id}>
      <ul className="meter__list" aria-label={label ?? t.composer.counterLabel}>
        {checks.map((c) => {
          const ratio = Math.min(1, c.length / c.maxLength);
          const tone = c.overflow ? 'over' : ratio > 0.9 ? 'near' : 'ok';
          return (
            <li key={c.account.id} className={`meter__item meter__item--${tone}`}>
              <span className="meter__label">
                {t.composer.counter(c.account.name, c.length, c.maxLength, lang)}
                {c.overridden ? <span className="meter__own"> · {t.composer.ownVersion}</span> : null}
              </span>
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
