// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useRef, useState, type FormEvent, type ReactNode, type Ref } from "react";
import { TextField } from "../components/text-field";
import { MIN_PASSWORD_LENGTH, USERNAME_MAX, type SignUpErrors, type SignUpField, type SignUpValues } from "./validate";
import { checkSignUp, type ExtraField, type SignUpFormProps, type SignUpFormTexts } from "./sign-up-fields";

const SIGN_UP_FIELDS: readonly SignUpField[] = ["username", "password", "passwordRepeat"];

/**
 * The form client sign-up, first-start setup and invitations share: the
 * page's extra fields, name, password twice, local checks (the name rule,
 * 12 characters, the repeat, then the guessability check, which fails
 * closed) and an error summary that takes focus and links to each field.
 * It only validates; the page runs the crypto after `onSubmit`. Values live
 * in the page, so "Back" from the recovery code keeps them.
 */
export function SignUpForm<V extends SignUpValues>({
  idPrefix,
  values,
  onValues,
  texts,
  extraFields = [],
  passwordContext = [],
  serverError,
  onSubmit,
  children,
}: SignUpFormProps<V> & {
  /** Field ids are `${idPrefix}-${field}`. */
  idPrefix: string;
  texts: SignUpFormTexts;
  extraFields?: readonly ExtraField<V>[];
  /** Words besides the name that an attacker would try first (display name, organisation). */
  passwordContext?: readonly string[];
  /** Shown between the password fields and the submit button. */
  children?: ReactNode;
}) {
  const [errors, setErrors] = useState<SignUpErrors>({});
  const [extraErrors, setExtraErrors] = useState<Partial<Record<string, string>>>({});
  const [showSummary, setShowSummary] = useState(0);
  const summaryRef = useRef<HTMLDivElement>(null);

  // Focus the summary after each failed submit so screen-reader users hear what to fix.
  useEffect(() => {
    if (showSummary > 0) summaryRef.current?.focus();
  }, [showSummary]);

  const set = (field: keyof V & string) => (value: string) => onValues({ ...values, [field]: value });
  const errorText = (field: string): string | undefined => {
    const extra = extraFields.find((candidate) => candidate.name === field);
    if (extra) {
      const key = extraErrors[field];
      return key ? extra.message(key) : undefined;
    }
    const key = errors[field as SignUpField];
    if (key) return texts.error(key);
    return serverError?.field === field ? serverError.message : undefined;
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { found, foundExtra } = await checkSignUp(values, extraFields, passwordContext);
    const failed = () => Object.keys(found).length > 0 || Object.keys(foundExtra).length > 0;
    setErrors(found);
    setExtraErrors(foundExtra);
    if (failed()) {
      setShowSummary((n) => n + 1);
      return;
    }
    onSubmit();
  };

  const fieldOrder = [...extraFields.map((field) => field.name), ...SIGN_UP_FIELDS];
  const errorFields = fieldOrder.filter((field) => extraErrors[field] ?? errors[field as SignUpField]);
  const id = (field: string) => `${idPrefix}-${field}`;
  // What every field of the form has: its id, value, error and "required".
  const common = (field: keyof V & string, value: string) => ({
    id: id(field),
    value,
    onValue: set(field),
    error: errorText(field),
    required: true,
  });

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      {errorFields.length > 0 ? (
        <ErrorSummary
          ref={summaryRef}
          title={texts.errorsTitle}
          items={errorFields.map((field) => ({ href: `#${id(field)}`, text: errorText(field) }))}
        />
      ) : null}
      {extraFields.map((field) => (
        <TextField
          key={field.name}
          {...common(field.name, field.value)}
          label={field.label}
          hint={field.hint}
          autoComplete={field.autoComplete}
          maxLength={field.maxLength}
        />
      ))}
      <TextField
        {...common("username", values.username)}
        label={texts.username}
        hint={texts.usernameHint}
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={USERNAME_MAX}
      />
      <TextField
        {...common("password", values.password)}
        type="password"
        label={texts.password}
        hint={texts.passwordHint}
        autoComplete="new-password"
        minLength={MIN_PASSWORD_LENGTH}
      />
      <TextField
        {...common("passwordRepeat", values.passwordRepeat)}
        type="password"
        label={texts.passwordRepeat}
        autoComplete="new-password"
      />
      {children}
      <button type="submit" className="button button--primary">
        {texts.submit}
      </button>
    </form>
  );
}

/** The list of what to fix, linking to each field; focused after a failed submit. */
function ErrorSummary({
  ref,
  title,
  items,
}: {
  ref: Ref<HTMLDivElement>;
  title: string;
  items: { href: string; text: string | undefined }[];
}) {
  return (
    <div className="notice notice--error" ref={ref} tabIndex={-1} role="alert">
      <p>{title}</p>
      <ul>
        {items.map((item) => (
          <li key={item.href}>
            <a href={item.href}>{item.text}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
