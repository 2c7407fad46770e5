// /: a signed-in person's notifications, each opening its post's review page, the approval rules, and one's choice of
// notification emails; owners and admins invite people and set the rules here.

import { type FormEvent, useEffect, useState } from 'react';
import { Field } from '../../components/Field';
import { useStrings } from '../../i18n';
import { ApprovalRules } from '../ApprovalRules';
import { invitationsApi } from '../api';
import { EmailPreferences } from '../EmailPreferences';
import { Notifications } from '../Notifications';
import type { Person, Role } from '../types';
import { useWorkspaceSession } from '../useWorkspace';
import { APP_HOME, mountPage, PageShell, signInFirst } from './PageShell';

const postPage = (postId: string, commentId: string | null) =>
  `/posts/${encodeURIComponent(postId)}${commentId ? `#comment-${commentId}` : ''}`;

function HomePage() {
  const t = useStrings().team;
  const session = useWorkspaceSession();
  useEffect(() => {
    if (session.status === 'signed-out') void signInFirst();
  }, [session.status]);
  if (session.status !== 'signed-in') return <PageShell title={t.home.title}>{null}</PageShell>;
  // The roles of members.invite and approvalRules.set (main/server/auth/permissions.ts); the server checks again.
  const admin = session.person.role === 'owner' || session.person.role === 'admin';
  return (
    <PageShell title={t.home.title} person={session.person} wide>
      <p>
        <a className="button button--primary" href={APP_HOME} data-testid="open-app">
          {t.home.openApp}
        </a>
      </p>
      <p className="muted">{t.home.intro}</p>
      <div className="ws-columns">
        <Notifications onOpen={(postId, commentId) => window.location.assign(postPage(postId, commentId))} />
        <div className="ws-stack">
          {admin ? <Invite me={session.person} /> : null}
          <ApprovalRules canSet={admin} />
          <EmailPreferences email={session.person.email} />
        </div>
      </div>
    </PageShell>
  );
}

function Invite({ me }: { readonly me: Person }) {
  const t = useStrings().team.invite;
  const roles: readonly Role[] =
    me.role === 'owner' ? ['editor', 'approver', 'viewer', 'admin', 'owner'] : ['editor', 'approver', 'viewer', 'admin'];
  const [role, setRole] = useState<Role>('editor');
  const [email, setEmail] = useState('');
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setLink(null);
    const r = await invitationsApi.invite({ role, ...(email.trim() ? { email: email.trim() } : {}) });
    if (r.ok) setLink(r.value.link);
    else setError(r.error.message);
  };
  return (
    <form className="ws-form" onSubmit={(e) => void submit(e)} aria-label={t.title}>
      <h2 className="section-title">{t.title}</h2>
      <Field label={t.role}>
        <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {t.roles[r]}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t.email} hint={t.emailHint}>
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      </Field>
      {error ? (
        <p className="callout callout--danger" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button button--primary">
        {t.submit}
      </button>
      {link ? (
        <div className="callout callout--info" role="status">
          <p>{t.made}</p>
          <input
            type="text"
            readOnly
            value={link}
            aria-label={t.title}
            data-testid="invitation-link"
            onFocus={(e) => e.currentTarget.select()}
          />
        </div>
      ) : null}
    </form>
  );
}

mountPage(<HomePage />);
