// The keyboard shortcuts help sheet, opened with "?" or from the sidebar.

import { useStrings } from '../i18n';
import { Dialog } from './Dialog';

export function ShortcutHelp({ onClose }: { readonly onClose: () => void }) {
  const t = useStrings();
  return (
    <Dialog title={t.shortcuts.title} onClose={onClose} className="dialog--help">
      <div className="shortcut-groups">
        {t.shortcuts.groups.map((group) => (
          <section key={group.title} className="shortcut-group" aria-labelledby={`shortcuts-${group.id}`}>
            <h3 className="section-title" id={`shortcuts-${group.id}`}>
              {group.title}
            </h3>
            <dl className="shortcut-list">
              {group.items.map(([keys, what]) => (
                <div key={what} className="shortcut">
                  <dt>
                    {keys.split(' ').map((k, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: keys of one shortcut, in order.
                      <kbd key={i}>{k}</kbd>
                    ))}
                  </dt>
                  <dd>{what}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
