// The pieces the connect forms share: errors and focus, the account's name, plain text fields, the explanation, the browser wait, the connect button.

import { type ChangeEventHandler, type RefObject, useEffect } from 'react';
import { Field } from '../../components/Field';
import { Icon } from '../../components/Icon';
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

/** Moves focus to the first field in error (in the form's order), or to the form-level error, whenever new errors arrive. */
export function useFocusFirstError<F extends string>(
  errors: Partial<Record<F, string>>,
  order: readonly F[],
  refs: Readonly<Record<F, RefObject<HTMLElement | null>>>,
) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: the order and refs are stable; only new errors move focus.
  useEffect(() => {
    const first = order.find((f) => errors[f]);
    if (first) refs[first].current?.focus();
  }, [errors]);
}

/** The field a backend error names when the form has it, otherwise the form itself. */
export function fieldOrForm<F extends string>(fields: readonly F[], field: string | undefined): F | 'form' {
  return fields.find((f) => f === field) ?? 'form';
}

/** The explanation at the top of a connect form: a bold title, then what the user needs. */
export function ConnectExplain({ title, text }: { readonly title: string; readonly text: string }) {
  return (
    <div className="callout callout--info connect-form__explain">
      <p>
        <strong>{title}</strong> {text}
      </p>
    </div>
  );
}

export interface TextFieldProps {
  readonly label: string;
  readonly hint?: string;
  readonly error: string | undefined;
  readonly inputRef: RefObject<HTMLInputElement | null>;
  readonly type: 'text' | 'password' | 'url';
  readonly value: string;
  readonly onChange: ChangeEventHandler<HTMLInputElement>;
  readonly placeholder?: string;
  readonly autoComplete?: string;
  readonly disabled: boolean;
}

/** A one-line field for an address, a key or a token: no autocomplete by default and no spell checking. */
export function TextField({
  label,
  hint,
  error,
  inputRef,
  type,
  value,
  onChange,
  placeholder,
  autoComplete = 'off',
  disabled,
}: TextFieldProps) {
  return (
    <Field label={label} hint={hint ?? null} error={error ?? null}>
      <input
        ref={inputRef}
        type={type}
        value={value}
        onChange={onChange}
        placeholder={placeholder}
        autoComplete={autoComplete}
        spellCheck={false}
        disabled={disabled}
      />
    </Field>
  );
}

/** Says the sign-in is waiting for the browser, with a link to open the sign-in page again. */
export function WaitingForBrowser({ text, url, openAgain }: { readonly text: string; readonly url: string; readonly openAgain: string }) {
  return (
    <p className="callout callout--info" role="status">
      {text}{' '}
      <a href={url} target="_blank" rel="noreferrer noopener">
        {openAgain}
        <Icon name="external" size={12} />
      </a>
    </p>
  );
}
