// SPDX-License-Identifier: AGPL-3.0-or-later
import type { GetAttachmentPolicy, UpdateAttachmentPolicy } from "@obhut/protocol";
import { useState, type FormEvent } from "react";
import type { Endpoint } from "../api/client";
import { useLoad } from "../api/use-action";
import { useT } from "../i18n/use-t";
import type { AdminContext } from "./admin-context";
import { StatusMessage, useStatusAction } from "./admin-status";
import { checkPolicy, megabytes, MiB, selectionOf, type PolicyErrors, type TypeSelection } from "./attachment-policy";
import { AttachmentPolicyForm } from "./attachment-policy-form";
import { StorageUsage } from "./storage-usage";
import { useSeed } from "./use-seed";

// Type-checked against the protocol like the literals in endpoints.ts.
const getAttachmentPolicy: Endpoint<typeof GetAttachmentPolicy> = {
  method: "GET",
  path: "/api/organisations/:orgId/attachment-policy",
};
const updateAttachmentPolicy: Endpoint<typeof UpdateAttachmentPolicy> = {
  method: "PUT",
  path: "/api/organisations/:orgId/attachment-policy",
};

/**
 * The organisation's attachment rules in the admin console (policies page):
 * the size cap and the allowed types (checkboxes with plain names). The page says plainly that the server
 * can enforce only the size; the type is checked by the apps.
 */
export function AttachmentPolicySection({ admin }: { admin: AdminContext }) {
  const { t } = useT();
  const { api, orgId } = admin;
  const data = useLoad((signal) => api.request(getAttachmentPolicy, { params: { orgId }, signal }), [api, orgId]);
  const policy = data.kind === "ready" ? data.value : null;
  const [size, setSize] = useState("");
  const [selection, setSelection] = useState<TypeSelection>({ kinds: [], other: [] });
  const [errors, setErrors] = useState<PolicyErrors>({});
  const { status, run } = useStatusAction();

  // The form starts from what the server holds, on load and after a save.
  useSeed(policy ?? undefined, (p) => {
    setSize(megabytes(p.maxBytes));
    setSelection(selectionOf(p.allowedTypes));
  });

  const maxMb = Math.floor((policy?.instanceMaxBytes ?? 25 * MiB) / MiB);

  const save = (event: FormEvent) => {
    event.preventDefault();
    const { mb, allowedTypes, errors: found } = checkPolicy(t, size, selection, maxMb);
    setErrors(found);
    if (found.size || found.types) return;
    void run(t("admin.working"), t("attachment.policy.saved"), async () => {
      data.set(
        await api.request(updateAttachmentPolicy, {
          params: { orgId },
          body: { maxBytes: Math.min(Math.round(mb * MiB), maxMb * MiB), allowedTypes },
        }),
      );
    });
  };

  return (
    <section className="section" aria-labelledby="attachment-policy-heading">
      <h2 id="attachment-policy-heading">{t("attachment.policy.title")}</h2>
      <p>{t("attachment.policy.lead")}</p>
      <StatusMessage status={status} />
      {policy === null ? <p>{t("admin.loading")}</p> : null}
      {policy ? <StorageUsage storage={policy.storage} /> : null}
      {policy?.isDefault ? <p className="field__hint">{t("attachment.policy.isDefault")}</p> : null}
      <AttachmentPolicyForm
        size={size}
        selection={selection}
        maxMb={maxMb}
        errors={errors}
        onSize={setSize}
        onSelection={setSelection}
        onSubmit={save}
      />
    </section>
  );
}
