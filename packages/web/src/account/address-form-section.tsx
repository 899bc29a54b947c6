// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState, type FormEvent } from "react";
import { errorCode } from "../api/use-action";
import { Section } from "../components/page";
import type { AddressForm } from "../i18n";
import { useT } from "../i18n/use-t";
import { chooseClientAddressForm, useClientAddressForm } from "./client-address-form";

type Choice = AddressForm | "agency";

/**
 * "Anrede" on the client's account page (issue #15, item 7): "du", "Sie", or
 * as the counselling service chose for the topic. Saved for the account, so
 * it holds on every device, and applied to every page at once.
 */
export function AddressFormSection() {
  const { t } = useT();
  const form = useClientAddressForm();
  const [choice, setChoice] = useState<Choice | null>(null);
  // Rendered with the current wording: after a change the confirmation already speaks the new way.
  const [status, setStatus] = useState<{ kind: "success" } | { kind: "error"; code: string } | null>(null);
  const [busy, setBusy] = useState(false);
  if (!form) return null;
  const selected: Choice = choice ?? form.chosen ?? "agency";

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      await chooseClientAddressForm(selected === "agency" ? null : selected);
      setStatus({ kind: "success" });
    } catch (error) {
      setStatus({ kind: "error", code: errorCode(error) });
    } finally {
      setBusy(false);
    }
  };

  const options: { value: Choice; label: string }[] = [
    { value: "agency", label: t("addressForm.agency") },
    { value: "informal", label: t("addressForm.informal") },
    { value: "formal", label: t("addressForm.formal") },
  ];
  return (
    <Section title={t("addressForm.title")}>
      <form onSubmit={(event) => void save(event)} noValidate>
        <fieldset className="fieldset">
          <legend>{t("addressForm.legend")}</legend>
          {options.map((option) => (
            <div className="checkbox-field" key={option.value}>
              <input
                id={`address-form-${option.value}`}
                type="radio"
                name="address-form"
                checked={selected === option.value}
                onChange={() => setChoice(option.value)}
              />
              <label htmlFor={`address-form-${option.value}`}>{option.label}</label>
            </div>
          ))}
        </fieldset>
        <p className={status ? `notice notice--${status.kind}` : "visually-hidden"} role="status">
          {status?.kind === "success"
            ? t("addressForm.saved")
            : status?.kind === "error"
              ? t("addressForm.failed", { code: status.code })
              : ""}
        </p>
        <p>
          <button type="submit" className="button" aria-disabled={busy}>
            {t("addressForm.save")}
          </button>
        </p>
      </form>
    </Section>
  );
}
