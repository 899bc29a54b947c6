// SPDX-License-Identifier: AGPL-3.0-or-later
import type { GetMessagingPolicy, MessagingPolicyView, UpdateMessagingPolicy } from "@obhut/protocol";
import type { FormEvent } from "react";
import type { Endpoint } from "../api/client";
import { useLoad } from "../api/use-action";
import { useT } from "../i18n/use-t";
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

/**
 * Read receipts, typing notices and presence (admin console, policies page):
 * one pair of checkboxes per conversation kind and the two presence
 * switches. The server applies a saved change to open connections at once.
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

  const setKind = (kind: Kind, what: "receipts" | "typing", on: boolean) =>
    setPolicy((p) => ({ ...p, kinds: { ...p.kinds, [kind]: { ...p.kinds[kind], [what]: on } } }));
  const setPresence = (who: "staff" | "clients", on: boolean) =>
    setPolicy((p) => ({ ...p, presence: { ...p.presence, [who]: on } }));

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!policy) return;
    void run(t("admin.working"), t("admin.policies.messaging.saved"), async () => {
      setPolicy((await api.request(updateMessagingPolicy, { params: { orgId }, body: { policy } })).policy);
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
        <form className="form" onSubmit={save}>
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
          <button type="submit" className="button button--primary">
            {t("admin.policies.messaging.save")}
          </button>
        </form>
      )}
    </section>
  );
}
