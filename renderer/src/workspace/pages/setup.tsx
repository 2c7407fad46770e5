// /setup: the workspace's first owner, with the one-time code the server printed (also accepted as #code=… ).

import { useEffect, useState } from 'react';
import { useStrings } from '../../i18n';
import { workspaceApi } from '../api';
import { fragmentValue } from '../reviewModel';
import { AccountForm } from './AccountForm';
import { APP_HOME, mountPage, PageShell } from './PageShell';

function SetupPage() {
  const t = useStrings().team;
  const [needed, setNeeded] = useState<boolean | null>(null);
  useEffect(() => {
    void workspaceApi.setupNeeded().then((r) => setNeeded(r.ok ? r.value.needed : true));
  }, []);
  return (
    <PageShell title={t.setup.title}>
      {needed === false ? (
        <p className="callout callout--info">
          {t.setup.done} <a href="/sign-in">{t.signIn.submit}</a>
        </p>
      ) : (
        <AccountForm
          fields={['code', 'name', 'email', 'password']}
          submitLabel={t.setup.submit}
          initial={{ code: fragmentValue(window.location.hash, 'code') ?? '' }}
          onSubmit={(v) => workspaceApi.setup({ setupCode: v.code.trim(), email: v.email, displayName: v.name, password: v.password })}
          onDone={() => window.location.assign(APP_HOME)}
        >
          <p>{t.setup.intro}</p>
        </AccountForm>
      )}
    </PageShell>
  );
}

mountPage(<SetupPage />);
