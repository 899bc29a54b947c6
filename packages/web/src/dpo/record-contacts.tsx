// SPDX-License-Identifier: AGPL-3.0-or-later
import { useT } from "../i18n/use-t";

type Missing = "controllerContact" | "dpoContact" | "hostingLocation";

/**
 * The record's contact fields (editable by the DPO, who stores versions),
 * what the record still lacks, and the store and download buttons.
 */
export function RecordContacts({
  controller,
  dpoContact,
  onController,
  onDpoContact,
  missing,
  isDpo,
  pending,
  onStore,
  onJson,
  onPdf,
}: {
  controller: string;
  dpoContact: string;
  onController: (value: string) => void;
  onDpoContact: (value: string) => void;
  missing: Missing[];
  isDpo: boolean;
  pending: boolean;
  onStore: () => void;
  onJson: () => void;
  onPdf: () => void;
}) {
  const { t } = useT();
  return (
    <form
      className="staff-form"
      aria-labelledby="contacts-heading"
      onSubmit={(event) => {
        event.preventDefault();
        onStore();
      }}
    >
      <h2 id="contacts-heading">{t("dpoRecord.contacts")}</h2>
      <div className="field">
        <label htmlFor="record-controller">{t("dpoRecord.controllerContact")}</label>
        <textarea
          id="record-controller"
          rows={2}
          maxLength={500}
          value={controller}
          readOnly={!isDpo}
          onChange={(e) => onController(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="record-dpo">{t("dpoRecord.dpoContact")}</label>
        <textarea
          id="record-dpo"
          rows={2}
          maxLength={500}
          value={dpoContact}
          readOnly={!isDpo}
          onChange={(e) => onDpoContact(e.target.value)}
        />
      </div>
      {missing.length > 0 ? (
        <p className="notice notice--warn" data-testid="record-missing">
          {t("dpoRecord.missing", { fields: missing.map((m) => t(`dpoRecord.missingField.${m}`)).join(", ") })}
        </p>
      ) : null}
      <p className="button-row">
        {isDpo ? (
          <button type="submit" className="button button--primary" aria-disabled={pending}>
            {t("dpoRecord.store")}
          </button>
        ) : null}
        <button type="button" className="button" aria-disabled={pending} onClick={onJson}>
          {t("dpoRecord.json")}
        </button>
        <button type="button" className="button" aria-disabled={pending} onClick={onPdf}>
          {t("dpoRecord.pdf")}
        </button>
      </p>
    </form>
  );
}
