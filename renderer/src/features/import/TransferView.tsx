// The Import & export view: a CSV dropped anywhere on it is previewed; exports, calendar feeds and evergreen queues below.

import { useState } from 'react';
import { useStrings } from '../../i18n';
import { ImportPanel } from './ImportPanel';
import { EvergreenPanel, ExportPanel, FeedsPanel } from './TransferPanels';
import './transfer.css';

export function TransferView() {
  const t = useStrings();
  const [dropped, setDropped] = useState<File | null>(null);
  return (
    <section
      className="view view--narrow"
      aria-label={t.importExport.title}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) e.preventDefault();
      }}
      onDrop={(e) => {
        const f = e.dataTransfer.files[0];
        if (!f) return;
        e.preventDefault();
        setDropped(f);
      }}
    >
      <header className="view__header">
        <h1 className="view__title">{t.importExport.title}</h1>
      </header>
      <ImportPanel droppedFile={dropped} />
      <ExportPanel />
      <FeedsPanel />
      <EvergreenPanel />
    </section>
  );
}
