// /join#invitation=…: the invited person chooses their name, address and password; the link works once.

import { useStrings } from '../../i18n';
import { workspaceApi } from '../api';
import { fragmentValue } from '../reviewModel';
import { AccountForm } from './AccountForm';
import { APP_HOME, mountPage, PageShell } from './PageShell';

function JoinPage() {
  const t = useStrings().team;
  const token = fragmentValue(window.location.hash, 'invitation');
  return (
    <PageShell title={t.join.title}>
      {token ? (
        <AccountForm
          fields={['name', 'email', 'password']}
          submitLabel={t.join.submit}
          onSubmit={(v) => workspaceApi.acceptInvitation({ token, email: v.email, displayName: v.name, password: v.password })}
          onDone={() => window.location.assign(APP_HOME)}
        >
          <p>{t.join.intro}</p>
        </AccountForm>
      ) : (
        <p className="callout callout--danger" role="alert">
          {t.join.missing}
        </p>
      )}
    </PageShell>
  );
}

mountPage(<JoinPage />);
