// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FormEvent } from "react";
import { useT } from "../i18n/use-t";
import type { PolicyErrors, TypeSelection } from "./attachment-policy";
import { AttachmentTypeChoice } from "./attachment-type-choice";

/** The size cap and the allowed types, each with its hint and, after a failed check, its error. */
export function AttachmentPolicyForm(props: {
  size: string;
  selection: TypeSelection;
  maxMb: number;
  errors: PolicyErrors;
  onSize: (size: string) => void;
  onSelection: (selection: TypeSelection) => void;
  onSubmit: (event: FormEvent) => void;
}) {
  const { t } = useT();
  const { errors } = props;
  return (
    <form className="form" noValidate onSubmit={props.onSubmit}>
      <div className="field">
        <label htmlFor="attachment-max">{t("attachment.policy.maxSize")}</label>
        <p id="attachment-max-hint" className="field__hint">
          {t("attachment.policy.maxHint", { max: props.maxMb })}
        </p>
        <input
          id="attachment-max"
          type="number"
          inputMode="decimal"
          min={1}
          max={props.maxMb}
          step={0.1}
          value={props.size}
          aria-invalid={errors.size ? true : undefined}
          aria-describedby={errors.size ? "attachment-max-hint attachment-max-error" : "attachment-max-hint"}
          onChange={(e) => props.onSize(e.target.value)}
        />
        {errors.size ? (
          <p id="attachment-max-error" className="field__error" role="alert">
            {errors.size}
          </p>
        ) : null}
      </div>
      <AttachmentTypeChoice selection={props.selection} error={errors.types} onSelection={props.onSelection} />
      <p className="field__hint">{t("attachment.policy.clientSide")}</p>
      <button type="submit" className="button button--primary">
        {t("attachment.policy.save")}
      </button>
    </form>
  );
}
