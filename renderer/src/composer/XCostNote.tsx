// What the post will cost on each chosen X account, this month's spend, and whether it would pass the cap.

import type { AccountWithRule } from '../../../shared/contract';
import { billingMonth, formatUsd, overCap, partCost, spendIn } from '../../../shared/platforms/xCost';
import { useStrings } from '../i18n';

export function XCostNote({
  accounts,
  text,
  parts,
  overrides,
}: {
  readonly accounts: readonly AccountWithRule[];
  readonly text: string;
  readonly parts: readonly string[];
  readonly overrides: Readonly<Record<string, string>>;
}) {
  const t = useStrings();
  const s = t.appNetworks.cost;
  const paid = accounts.filter((a) => a.postCost);
  if (paid.length === 0) return null;
  return (
    <div className="meter x-cost" data-testid="x-cost" aria-live="polite">
      <p className="meter__label">
        <strong>{s.title}</strong>
      </p>
      {paid.map((a) => {
        const pricing = a.postCost;
        if (!pricing) return null;
        const texts = [overrides[a.id] ?? text, ...parts];
        const costs = texts.map((x) => partCost(x, pricing));
        const cost = costs.reduce((x, y) => x + y, 0);
        const withLink = costs.filter((c) => c === pricing.linkPostMills && c !== pricing.postMills).length;
        const spend = spendIn(pricing.spend, billingMonth(Date.now()));
        const cap = pricing.monthlyCapMills === null ? null : formatUsd(pricing.monthlyCapMills);
        return (
          <div key={a.id}>
            <p className="meter__label">
              {s.line(a.name, formatUsd(cost), texts.length, withLink)} {s.spend(formatUsd(spend.mills), cap)}
            </p>
            {overCap(pricing, spend.mills, cost) > 0 ? <p className="meter__warning">{s.overCap(a.name)}</p> : null}
          </div>
        );
      })}
    </div>
  );
}
