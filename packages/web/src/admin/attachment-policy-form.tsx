// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FormEvent } from "react";
import { useT } from "../i18n/use-t";
import type { PolicyErrors } from "./attachment-policy";

/** The size cap and the allowed types, each with its hint and, after a failed check, its error. */
export function AttachmentPolicyForm(props: {
  size: string;
  types: string;
  maxMb: number;
  errors: PolicyErrors;
  onSize: (size: string) => void;
  onTypes: (types: string) => void;
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
      <div className="field">
        <label htmlFor="attachment-types">{t("attachment.policy.types")}</label>
        <p id="attachment-types-hint" className="field__hint">
          {t("attachment.policy.typesHint")}
        </p>
        <textarea
          id="attachment-types"
          rows={8}
          value={props.types}
          spellCheck={false}
          aria-invalid={errors.types ? true : undefined}
          aria-describedby={errors.types ? "attachment-types-hint attachment-types-error" : "attachment-types-hint"}
          onChange={(e) => props.onTypes(e.target.value)}
        />
        {errors.types ? (
          <p id="attachment-types-error" className="field__error" role="alert">
            {errors.types}
          </p>
        ) : null}
      </div>
      <p className="field__hint">{t("attachment.policy.clientSide")}</p>
      <button type="submit" className="button button--primary">
        {t("attachment.policy.save")}
      </button>
    </form>
  );
}
