// The pieces every connect form has: the form-level error, the account's name, and the connect button.

import type { ChangeEventHandler, RefObject } from 'react';
import { Field } from '../../components/Field';
import { useStrings } from '../../i18n';

/** A problem no single field owns; focusable so the form can move focus to it, as it does to a field in error. */
export function FormError({
  message,
  errorRef,
}: {
  readonly message: string | undefined;
  readonly errorRef: RefObject<HTMLParagraphElement | null>;
}) {
  return message ? (
    <p className="callout callout--danger" role="alert" tabIndex={-1} ref={errorRef}>
      {message}
    </p>
  ) : null;
}

export interface AccountNameFieldProps {
  readonly inputRef: RefObject<HTMLInputElement | null>;
  readonly value: string;
  readonly onChange: ChangeEventHandler<HTMLInputElement>;
  readonly placeholder: string;
  readonly error: string | undefined;
  readonly disabled: boolean;
}

export function AccountNameField({ inputRef, value, onChange, placeholder, error, disabled }: AccountNameFieldProps) {
  const t = useStrings();
  return (
    <Field label={t.accounts.name} error={error ?? null}>
      <input
        ref={inputRef}
        type="text"
        value={value}
        onChange={onChange}
        placeholder={placeholder}
        autoComplete="off"
        maxLength={80}
        disabled={disabled}
      />
    </Field>
  );
}

export function ConnectButton({ busy }: { readonly busy: boolean }) {
  const t = useStrings();
  return (
    <button type="submit" className="button button--primary" disabled={busy}>
      {busy ? t.accounts.connecting : t.accounts.connect}
    </button>
  );
}
