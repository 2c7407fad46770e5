// /sign-in: email and password; back to where the person was going (?next=/posts/…) once signed in.

import { useStrings } from '../../i18n';
import { workspaceApi } from '../api';
import { AccountForm } from './AccountForm';
import { mountPage, PageShell, safeNext } from './PageShell';

function SignInPage() {
  const t = useStrings().team;
  return (
    <PageShell title={t.signIn.title}>
      <AccountForm
        fields={['email', 'password']}
        submitLabel={t.signIn.submit}
        onSubmit={(v) => workspaceApi.signIn({ email: v.email, password: v.password })}
        onDone={() => window.location.assign(safeNext(window.location.search))}
      />
      <p className="muted">{t.signIn.noAccount}</p>
    </PageShell>
  );
}

mountPage(<SignInPage />);
