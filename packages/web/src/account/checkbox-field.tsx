// SPDX-License-Identifier: AGPL-3.0-or-later

/** A checkbox with its label beside it and an optional error linked via aria-describedby. */
export function CheckboxField({
  id,
  label,
  checked,
  onChecked,
  error,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChecked: (checked: boolean) => void;
  error?: string | undefined;
}) {
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={error ? "checkbox-field field--invalid" : "checkbox-field"}>
      {error ? (
        <p id={errorId} className="field__error">
          {error}
        </p>
      ) : null}
      <input
        id={id}
        name={id}
        type="checkbox"
        checked={checked}
        onChange={(event) => onChecked(event.target.checked)}
        aria-invalid={error ? true : undefined}
        aria-describedby={errorId}
      />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
