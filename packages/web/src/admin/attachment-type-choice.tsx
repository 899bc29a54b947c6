// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState } from "react";
import { useT } from "../i18n/use-t";
import { addOtherTypes, KIND_ORDER, toggleKind, typesOf, type TypeSelection } from "./attachment-policy";

/**
 * The allowed types as checkboxes with plain names (PDF, Bilder, Word …).
 * Stored types that no checkbox covers are listed as "Weitere Typen", each
 * with a remove button, so nothing an older policy allowed is lost by
 * saving; experts can add such a type by hand.
 */
export function AttachmentTypeChoice(props: {
  selection: TypeSelection;
  error: string | undefined;
  onSelection: (selection: TypeSelection) => void;
}) {
  const { t } = useT();
  const { selection, error } = props;
  const [adding, setAdding] = useState("");
  const [addError, setAddError] = useState<string | null>(null);
  const [added, setAdded] = useState("");

  const add = () => {
    const next = addOtherTypes(selection, adding);
    if ("bad" in next) {
      setAddError(t("attachment.policy.typesInvalid", { type: next.bad }));
      return;
    }
    setAddError(null);
    setAdding("");
    // Nothing new (empty, or already allowed): no message, the list stays as it is.
    if (typesOf(next).length === typesOf(selection).length) return;
    setAdded(t("attachmentKinds.added", { type: adding.trim().toLowerCase() }));
    props.onSelection(next);
  };

  return (
    <fieldset
      className="fieldset"
      aria-describedby={error ? "attachment-types-hint attachment-types-error" : "attachment-types-hint"}
    >
      <legend>{t("attachment.policy.types")}</legend>
      <p id="attachment-types-hint" className="field__hint">
        {t("attachmentKinds.hint")}
      </p>
      <ul className="admin-inline-list attachment-kinds">
        {KIND_ORDER.map((kind) => (
          <li key={kind} className="checkbox-field">
            <input
              id={`attachment-kind-${kind}`}
              type="checkbox"
              checked={selection.kinds.includes(kind)}
              aria-describedby={`attachment-kind-${kind}-hint`}
              onChange={(e) => props.onSelection(toggleKind(selection, kind, e.target.checked))}
            />
            <label htmlFor={`attachment-kind-${kind}`}>{t(`attachmentKinds.kinds.${kind}.label`)}</label>
            <p id={`attachment-kind-${kind}-hint`} className="field__hint attachment-kinds__hint">
              {t(`attachmentKinds.kinds.${kind}.hint`)}
            </p>
          </li>
        ))}
      </ul>
      {selection.other.length > 0 ? (
        <section aria-labelledby="attachment-other-heading">
          <h3 id="attachment-other-heading">{t("attachmentKinds.other")}</h3>
          <p className="field__hint">{t("attachmentKinds.otherHint")}</p>
          <ul className="admin-list">
            {selection.other.map((type) => (
              <li key={type} className="admin-row">
                <code>{type}</code>
                <button
                  type="button"
                  className="button"
                  aria-label={t("attachmentKinds.removeNamed", { type })}
                  onClick={() => props.onSelection({ ...selection, other: selection.other.filter((x) => x !== type) })}
                >
                  {t("attachmentKinds.remove")}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="field">
        <label htmlFor="attachment-other-add">{t("attachmentKinds.addLabel")}</label>
        <p id="attachment-other-add-hint" className="field__hint">
          {t("attachmentKinds.addHint")}
        </p>
        <div className="admin-row">
          <input
            id="attachment-other-add"
            type="text"
            spellCheck={false}
            autoCapitalize="off"
            value={adding}
            aria-invalid={addError ? true : undefined}
            aria-describedby={
              addError ? "attachment-other-add-hint attachment-other-add-error" : "attachment-other-add-hint"
            }
            onChange={(e) => setAdding(e.target.value)}
            onKeyDown={(e) => {
              // Enter adds the type instead of saving the whole form.
              if (e.key === "Enter") {
                e.preventDefault();
                add();
              }
            }}
          />
          <button type="button" className="button" onClick={add}>
            {t("attachmentKinds.add")}
          </button>
        </div>
        {addError ? (
          <p id="attachment-other-add-error" className="field__error" role="alert">
            {addError}
          </p>
        ) : null}
        <p className="admin-status" role="status" aria-live="polite">
          {added}
        </p>
      </div>
      {error ? (
        <p id="attachment-types-error" className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
