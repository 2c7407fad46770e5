// An X account's prices per post and its monthly spending cap, with what was spent this month.

import { type FormEvent, useState } from 'react';
import type { AccountWithRule } from '../../../../shared/contract';
import { billingMonth, formatUsd, spendIn } from '../../../../shared/platforms/xCost';
import { invoke } from '../../api/client';
import { Field } from '../../components/Field';
import { messageFor } from '../../composer/composerModel';
import { useStrings } from '../../i18n';
import { useNotify } from '../../state/toasts';

const usd = (mills: number) => String(mills / 1000);

export function XPricingEditor({ account }: { readonly account: AccountWithRule }) {
  const t = useStrings();
  const s = t.appNetworks.pricing;
  const notify = useNotify();
  const cost = account.postCost;
  const [post, setPost] = useState(cost ? usd(cost.postMills) : '');
  const [link, setLink] = useState(cost ? usd(cost.linkPostMills) : '');
  const [cap, setCap] = useState(cost?.monthlyCapMills == null ? '' : usd(cost.monthlyCapMills));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!cost) return null;
  const spend = spendIn(cost.spend, billingMonth(Date.now()));

  async function save(e: FormEvent) {
    e.preventDefault();
    const values = [post, link].map(Number);
    const capValue = cap.trim() === '' ? null : Number(cap);
    if (values.some((v) => !Number.isFinite(v) || v < 0) || (capValue !== null && (!Number.isFinite(capValue) || capValue < 0))) {
      setError(s.invalid);
      return;
    }
    setBusy(true);
    const r = await invoke('x.setPricing', {
      accountId: account.id,
      postUsd: values[0] ?? 0,
      linkPostUsd: values[1] ?? 0,
      monthlyCapUsd: capValue,
    });
    setBusy(false);
    if (!r.ok) return setError(messageFor(r.error));
    setError(null);
    notify({ message: s.saved, tone: 'success' });
  }

  return (
    <details className="account__pricing">
      <summary>{s.title}</summary>
      <p className="muted" data-testid="x-spend">
        {s.spent(formatUsd(spend.mills), cost.monthlyCapMills === null ? null : formatUsd(cost.monthlyCapMills), spend.month)}
      </p>
      <form className="connect-form__grid" onSubmit={(e) => void save(e)} noValidate aria-label={s.title}>
        <Field label={s.post}>
          <input type="number" step="0.001" min={0} value={post} onChange={(e) => setPost(e.target.value)} disabled={busy} />
        </Field>
        <Field label={s.linkPost}>
          <input type="number" step="0.001" min={0} value={link} onChange={(e) => setLink(e.target.value)} disabled={busy} />
        </Field>
        <Field label={s.cap} hint={s.hint} error={error}>
          <input type="number" step="0.01" min={0} value={cap} onChange={(e) => setCap(e.target.value)} disabled={busy} />
        </Field>
        <div className="form-actions">
          <button type="submit" className="button button--small" disabled={busy}>
            {s.save}
          </button>
        </div>
      </form>
    </details>
  );
}
