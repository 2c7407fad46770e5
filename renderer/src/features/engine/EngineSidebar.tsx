// The engine's place in the sidebar: the Attention list with its count, and the crisis brake (or Resume while paused).

import type { EngineStatus } from '../../../../shared/contract/engine';
import { Icon } from '../../components/Icon';
import { useStrings } from '../../i18n';
import { attentionCount } from './engineModel';
import { openEngineDialog } from './engineStore';
import { useResume } from './useResume';
import './engine.css';

export function EngineSidebar({ status }: { readonly status: EngineStatus | null }) {
  const t = useStrings();
  const { busy, resume } = useResume();
  const count = attentionCount(status);
  return (
    <div className="engine-sidebar">
      <button
        type="button"
        className="nav__link engine-sidebar__attention"
        aria-haspopup="dialog"
        onClick={() => openEngineDialog({ kind: 'attention' })}
      >
        <Icon name="warning" />
        {t.engine.attentionDialog.open}
        {count > 0 ? (
          <span className="nav__badge" title={t.engine.attentionDialog.badge(count)}>
            {count}
            <span className="sr-only"> {t.engine.attentionDialog.badge(count)}</span>
          </span>
        ) : null}
      </button>
      {status?.paused ? (
        <button type="button" className="button button--small button--block" disabled={busy} onClick={() => void resume(null)}>
          {t.engine.resume}
        </button>
      ) : (
        <button
          type="button"
          className="button button--small button--block engine-sidebar__pause"
          aria-haspopup="dialog"
          onClick={() => openEngineDialog({ kind: 'pause', accountId: null })}
        >
          {t.engine.pauseAll}
        </button>
      )}
    </div>
  );
}
