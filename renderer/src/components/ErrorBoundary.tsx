// Keeps a failure in one part of the screen in that part: the rest of the app (and what is being typed) carries on.

import { Component, type ErrorInfo as ReactErrorInfo, type ReactNode } from 'react';
import { currentStrings } from '../i18n';

export interface ErrorBoundaryProps {
  readonly children: ReactNode;
  /** What the broken part is called in the notice ("The conversation panel"). */
  readonly area: string;
  /** A full-screen notice for the whole app, instead of an inline one. */
  readonly wholeApp?: boolean;
}

interface State {
  readonly error: Error | null;
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ReactErrorInfo): void {
    // The console is the one place a developer will look; the user gets words and a way on.
    console.error(`${this.props.area} failed`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    const t = currentStrings().errors;
    if (this.props.wholeApp) {
      return (
        <main className="splash">
          <div className="splash__card" role="alert">
            <h1 className="view__title">{t.crashedTitle}</h1>
            <p>{t.crashedBody}</p>
            <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
              {t.reload}
            </button>
          </div>
        </main>
      );
    }
    return (
      <div className="callout callout--danger" role="alert">
        <p>{t.partFailed(this.props.area)}</p>
        <button type="button" className="button button--small" onClick={() => this.setState({ error: null })}>
          {currentStrings().actions.retry}
        </button>
      </div>
    );
  }
}
