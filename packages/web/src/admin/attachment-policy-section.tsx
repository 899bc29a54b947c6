// SPDX-License-Identifier: AGPL-3.0-or-later
import type { GetAttachmentPolicy, OrganisationAttachmentPolicyView, UpdateAttachmentPolicy } from "@obhut/protocol";
import { useEffect, useState, type FormEvent } from "react";
import type { Endpoint } from "../api/client";
import { useT } from "../i18n/use-t";
import { type AdminContext } from "./admin-context";
import { StatusMessage, useAction } from "./admin-status";

// Type-checked against the protocol like the literals in endpoints.ts.
const getAttachmentPolicy: Endpoint<typeof GetAttachmentPolicy> = {
  method: "GET",
  path: "/api/organisations/:orgId/attachment-policy",
};
const updateAttachmentPolicy: Endpoint<typeof UpdateAttachmentPolicy> = {
  method: "PUT",
  path: "/api/organisations/:orgId/attachment-policy",
};

const MiB = 1024 * 1024;
/** The protocol's AttachmentTypePattern (checked here to name the bad line; the server checks again). */
const TYPE_PATTERN = /^(\*\/\*|[a-z0-9][a-z0-9!#$&^_.+-]{0,62}\/(\*|[a-z0-9][a-z0-9!#$&^_.+-]{0,62}))$/;
const MAX_TYPES = 50;

const megabytes = (bytes: number) => String(Math.round((bytes / MiB) * 10) / 10);
const GiB = 1024 * MiB;
const gigabytes = (bytes: number) => (Math.round((bytes / GiB) * 100) / 100).toLocaleString();

/** The organisation's attachment storage against its cap; a warning from 80 %, when admins are alerted. */
function StorageUsage({ storage }: { storage: OrganisationAttachmentPolicyView["storage"] }) {
  const { t } = useT();
  if (storage.capBytes === null)
    return <p className="field__hint">{t("attachment.policy.storageNoCap", { used: gigabytes(storage.usedBytes) })}</p>;
  const percent = Math.floor((storage.usedBytes * 100) / storage.capBytes);
  const text = t("attachment.policy.storage", {
    used: gigabytes(storage.usedBytes),
    cap: gigabytes(storage.capBytes),
    percent,
  });
  if (percent < 80) return <p className="field__hint">{text}</p>;
  return (
    <p className="notice notice--warn" data-testid="storage-warning">
      {text} {t(percent >= 100 ? "attachment.policy.storageFull" : "attachment.policy.storageHigh")}
    </p>
  );
}

/** The allowed-types text as a list: one type per line (commas work too), lower case, without repeats. */
export function parseTypes(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\n,]/)
        .map((line) => line.trim().toLowerCase())
        .filter((line) => line !== ""),
    ),
  ];
}

/**
 * The organisation's attachment rules in the admin console (policies page):
 * the size cap and the allowed types. The page says plainly that the server
 * can enforce only the size; the type is checked by the apps.
 */
export function AttachmentPolicySection({ admin }: { admin: AdminContext }) {
  const { t } = useT();
  const { api, orgId } = admin;
  const [policy, setPolicy] = useState<OrganisationAttachmentPolicyView | null>(null);
  const [size, setSize] = useState("");
  const [types, setTypes] = useState("");
  const [errors, setErrors] = useState<{ size?: string; types?: string }>({});
  const [status, run] = useAction();

  const show = (p: OrganisationAttachmentPolicyView) => {
    setPolicy(p);
    setSize(megabytes(p.maxBytes));
    setTypes(p.allowedTypes.join("\n"));
  };

  useEffect(() => {
    let live = true;
    api
      .request(getAttachmentPolicy, { params: { orgId } })
      .then((p) => live && show(p))
      .catch(() => live && setPolicy(null));
    return () => {
      live = false;
    };
  }, [api, orgId]);

  const maxMb = Math.floor((policy?.instanceMaxBytes ?? 25 * MiB) / MiB);

  const save = (event: FormEvent) => {
    event.preventDefault();
    const mb = Number(size.replace(",", "."));
    const allowedTypes = parseTypes(types);
    const found: { size?: string; types?: string } = {};
    if (!Number.isFinite(mb) || mb < 1 || mb > maxMb) found.size = t("attachment.policy.sizeInvalid", { max: maxMb });
    const bad = allowedTypes.find((type) => !TYPE_PATTERN.test(type));
    if (allowedTypes.length === 0) found.types = t("attachment.policy.typesEmpty");
    else if (bad) found.types = t("attachment.policy.typesInvalid", { type: bad });
    else if (allowedTypes.length > MAX_TYPES) found.types = t("attachment.policy.typesTooMany", { max: MAX_TYPES });
    setErrors(found);
    if (found.size || found.types) return;
    void run(t("admin.working"), t("attachment.policy.saved"), async () => {
      show(
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
      <form className="form" noValidate onSubmit={save}>
        <div className="field">
          <label htmlFor="attachment-max">{t("attachment.policy.maxSize")}</label>
          <p id="attachment-max-hint" className="field__hint">
            {t("attachment.policy.maxHint", { max: maxMb })}
          </p>
          <input
            id="attachment-max"
            type="number"
            inputMode="decimal"
            min={1}
            max={maxMb}
            step={0.1}
            value={size}
            aria-invalid={errors.size ? true : undefined}
            aria-describedby={errors.size ? "attachment-max-hint attachment-max-error" : "attachment-max-hint"}
            onChange={(e) => setSize(e.target.value)}
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
            value={types}
            spellCheck={false}
            aria-invalid={errors.types ? true : undefined}
            aria-describedby={errors.types ? "attachment-types-hint attachment-types-error" : "attachment-types-hint"}
            onChange={(e) => setTypes(e.target.value)}
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
    </section>
  );
}
