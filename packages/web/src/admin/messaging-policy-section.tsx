// SPDX-License-Identifier: AGPL-3.0-or-later
import type { GetMessagingPolicy, MessagingPolicyView, UpdateMessagingPolicy } from "@obhut/protocol";
import { type FormEvent, useState } from "react";
import type { Endpoint } from "../api/client";
import { useLoad } from "../api/use-action";
import { useT } from "../i18n/use-t";
import { EPOCH_LIMITS } from "../messaging/limits";
import type { AdminContext } from "./admin-context";
import { StatusMessage, useStatusAction } from "./admin-status";

// Type-checked against the protocol like the literals in endpoints.ts.
const getMessagingPolicy: Endpoint<typeof GetMessagingPolicy> = {
  method: "GET",
  path: "/api/organisations/:orgId/messaging-policy",
};
const updateMessagingPolicy: Endpoint<typeof UpdateMessagingPolicy> = {
  method: "PUT",
  path: "/api/organisations/:orgId/messaging-policy",
};

type Kind = keyof MessagingPolicyView["kinds"];
const KINDS: readonly Kind[] = ["direct", "team", "notes", "case", "broadcast"];
type EpochField = keyof MessagingPolicyView["epochs"];
const EPOCH_FIELDS: readonly EpochField[] = ["maxMessages", "maxDays"];

/** A whole number within the limit's range, or null. */
function epochValue(field: EpochField, text: string): number | null {
  const value = Number(text.trim());
  const { min, max } = EPOCH_LIMITS[field];
  return text.trim() !== "" && Number.isInteger(value) && value >= min && value <= max ? value : null;
}

/**
 * Read receipts, typing notices and presence (admin console, policies page):
 * one pair of checkboxes per conversation kind and the two presence
 * switches; and after how many messages or days a conversation gets a new key
 * (ADR 0029). The server applies a saved change to open connections at once.
 */
export function MessagingPolicySection({ admin }: { admin: AdminContext }) {
  const { t } = useT();
  const { api, orgId } = admin;
  const data = useLoad(
    async (signal) => (await api.request(getMessagingPolicy, { params: { orgId }, signal })).policy,
    [api, orgId],
  );
  const policy = data.kind === "ready" ? data.value : null;
  const setPolicy = data.set;
  const { status, run } = useStatusAction();
  // The limits as typed; checked on saving, so a half-typed number is not overwritten.
  const [epochText, setEpochText] = useState<Partial<Record<EpochField, string>>>({});
  const [epochError, setEpochError] = useState(false);
  const epochShown = (field: EpochField) => epochText[field] ?? String(policy?.epochs[field] ?? "");

  const setKind = (kind: Kind, what: "receipts" | "typing", on: boolean) =>
    setPolicy((p) => ({ ...p, kinds: { ...p.kinds, [kind]: { ...p.kinds[kind], [what]: on } } }));
  const setPresence = (who: "staff" | "clients", on: boolean) =>
    setPolicy((p) => ({ ...p, presence: { ...p.presence, [who]: on } }));

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!policy) return;
    const maxMessages = epochValue("maxMessages", epochShown("maxMessages"));
    const maxDays = epochValue("maxDays", epochShown("maxDays"));
    setEpochError(maxMessages === null || maxDays === null);
    if (maxMessages === null || maxDays === null) return;
    const next = { ...policy, epochs: { maxMessages, maxDays } };
    void run(t("admin.working"), t("admin.policies.messaging.saved"), async () => {
      setPolicy((await api.request(updateMessagingPolicy, { params: { orgId }, body: { policy: next } })).policy);
      setEpochText({});
    });
  };

  const checkbox = (id: string, label: string, checked: boolean, onChange: (on: boolean) => void) => (
    <div className="checkbox-field">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );

  return (
    <section className="section" aria-labelledby="messaging-policy-heading">
      <h2 id="messaging-policy-heading">{t("admin.policies.messaging.title")}</h2>
      <p>{t("admin.policies.messaging.lead")}</p>
      <StatusMessage status={status} />
      {policy === null ? (
        <p>{t("admin.loading")}</p>
      ) : (
        <form className="form" noValidate onSubmit={save}>
          {KINDS.map((kind) => (
            <fieldset className="fieldset" key={kind}>
              <legend>{t(`admin.policies.messaging.kinds.${kind}`)}</legend>
              {checkbox(`receipts-${kind}`, t("admin.policies.messaging.receipts"), policy.kinds[kind].receipts, (on) =>
                setKind(kind, "receipts", on),
              )}
              {checkbox(`typing-${kind}`, t("admin.policies.messaging.typing"), policy.kinds[kind].typing, (on) =>
                setKind(kind, "typing", on),
              )}
            </fieldset>
          ))}
          <p className="field__hint">{t("admin.policies.messaging.subscribers")}</p>
          <fieldset className="fieldset">
            <legend>{t("admin.policies.messaging.presence")}</legend>
            {checkbox("presence-staff", t("admin.policies.messaging.presenceStaff"), policy.presence.staff, (on) =>
              setPresence("staff", on),
            )}
            {checkbox(
              "presence-clients",
              t("admin.policies.messaging.presenceClients"),
              policy.presence.clients,
              (on) => setPresence("clients", on),
            )}
          </fieldset>
          <fieldset className="fieldset" aria-describedby="epochs-lead">
            <legend>{t("epochs.admin.legend")}</legend>
            <p id="epochs-lead" className="field__hint">
              {t("epochs.admin.lead")}
            </p>
            {epochError ? (
              <p id="epochs-error" className="field__error" role="alert">
                {t("epochs.admin.invalid")}
              </p>
            ) : null}
            {EPOCH_FIELDS.map((field) => (
              <div className="field" key={field}>
                <label htmlFor={`epochs-${field}`}>{t(`epochs.admin.${field}`)}</label>
                <p id={`epochs-${field}-hint`} className="field__hint">
                  {t(`epochs.admin.${field}Hint`, { ...EPOCH_LIMITS[field] })}
                </p>
                <input
                  id={`epochs-${field}`}
                  type="number"
                  inputMode="numeric"
                  min={EPOCH_LIMITS[field].min}
                  max={EPOCH_LIMITS[field].max}
                  step={1}
                  value={epochShown(field)}
                  aria-invalid={epochError && epochValue(field, epochShown(field)) === null ? true : undefined}
                  aria-describedby={epochError ? `epochs-${field}-hint epochs-error` : `epochs-${field}-hint`}
                  onChange={(e) => setEpochText((x) => ({ ...x, [field]: e.target.value }))}
                />
              </div>
            ))}
          </fieldset>
          <button type="submit" className="button button--primary">
            {t("admin.policies.messaging.save")}
          </button>
        </form>
      )}
    </section>
  );
}
