// What every handler can reach: the stores, platforms, secrets, the clock and the event bus (never the database).

import type { BackendEvent, SettingKey } from '../../shared/contract';
import type { Clock } from './clock';
import type { MediaStore } from './media/mediaStore';
import type { PlatformRegistry } from './platforms/types';
import type { ReportPdfRenderer } from './reports/pdfRenderer';
import type { Scheduler } from './scheduler/scheduler';
import type { SecretStore } from './secrets/secretStore';
import type { AccountsStore, EventsStore, MediaRecordsStore, PostsStore, SettingsStore, Stores } from './stores/types';

export interface BackendContext {
  /** Every store, built once; the publishing ones are also named below. */
  readonly stores: Stores;
  readonly dataDir: string;
  readonly shell: 'electron' | 'browser' | 'cli';
  readonly version: string;
  readonly clock: Clock;
  readonly platforms: PlatformRegistry;
  readonly secrets: SecretStore;
  readonly accounts: AccountsStore;
  readonly posts: PostsStore;
  readonly events: EventsStore;
  readonly media: MediaRecordsStore;
  readonly mediaStore: MediaStore;
  /** The desktop shell's open dialog: the chosen paths, read in this process and never shown to the page. */
  readonly pickMediaFiles?: (() => Promise<readonly string[]>) | undefined;
  /** The desktop shell's HTML-to-PDF printer for reports; absent elsewhere, where pdfkit draws the PDF. */
  readonly renderReportPdf?: ReportPdfRenderer | undefined;
  readonly settings: SettingsStore;
  readonly scheduler: Scheduler;
  readonly defaultTimeZone: string;
  readonly actor: 'user' | 'cli';
  emit(event: BackendEvent): void;
  setting(key: SettingKey): string;
  /** Lets a feature module follow backend events, clean up an account, and stop its timers on close. */
  readonly lifecycle: BackendLifecycle;
}

export interface BackendLifecycle {
  onEvent(listener: (event: BackendEvent) => void): void;
  /** Runs before an account and its targets are removed (e.g. to delete server-side copies with its token). */
  beforeAccountRemoved(hook: (accountId: string) => Promise<void> | void): void;
  onClose(hook: () => void): void;
  /** Called by the accounts handler: runs every beforeAccountRemoved hook, each failure contained. */
  accountRemoving(accountId: string): Promise<void>;
}
