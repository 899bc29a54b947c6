// SPDX-License-Identifier: AGPL-3.0-or-later
import { api } from "../api/client";
import { type Loaded, useLoad } from "../api/use-action";
import { Section } from "../components/page";
import { useT } from "../i18n/use-t";
import type { OrgIdentity } from "./org-identity";
import { FingerprintList } from "../components/fingerprint-list";

/** The organisation's identity for a page (null while no organisation is known); the crypto loads with it. */
export function useOrgIdentity(orgId: string | null): Loaded<OrgIdentity | null> {
  return useLoad(
    async (signal) => (orgId ? (await import("./org-identity")).loadOrgIdentity(api, orgId, signal) : null),
    [orgId],
  );
}

/**
 * The organisation's fingerprint for clients, with one sentence on what it
 * is for: compare it with what the organisation publishes. All 12 groups, as
 * the set-up page and the admin overview show them, so the digits match what
 * is printed on a poster or website (ADR 0030). On sign-up it also says that
 * the account will remember it.
 */
export function OrgFingerprint({
  identity,
  organisationName,
  remembered = false,
}: {
  identity: Loaded<OrgIdentity | null>;
  organisationName: string;
  remembered?: boolean;
}) {
  const { t } = useT();
  if (identity.kind === "ready" && identity.value === null) return null;
  return (
    <Section title={t("orgFingerprint.title")}>
      <p>{t("orgFingerprint.explain", { organisation: organisationName })}</p>
      {identity.kind === "ready" && identity.value ? (
        <>
          <FingerprintList
            groups={identity.value.groups}
            label={t("orgFingerprint.label", { organisation: organisationName })}
          />
          {remembered ? <p>{t("orgFingerprint.remembered")}</p> : null}
        </>
      ) : identity.kind === "failed" ? (
        <p className="notice">{t("orgFingerprint.unavailable")}</p>
      ) : (
        <p role="status">{t("common.loading")}</p>
      )}
    </Section>
  );
}
