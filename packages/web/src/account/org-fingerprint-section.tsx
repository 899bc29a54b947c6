// SPDX-License-Identifier: AGPL-3.0-or-later
import { fingerprint } from "@obhut/crypto";
import { useLoad } from "../api/use-action";
import { Section } from "../components/page";
import { useT } from "../i18n/use-t";
import { useStaff } from "../staff/use-staff";
import { FingerprintList } from "../components/fingerprint";

/**
 * Staff account page: the organisation's fingerprint from the log this
 * browser verified (the genesis root, as on the set-up page and the admin
 * overview), so staff can compare it with what the organisation publishes
 * and with what clients see on the agency page and at sign-up (ADR 0030).
 * A lazy chunk: clients never load it.
 */
export default function OrgFingerprintSection() {
  const { t } = useT();
  const staff = useStaff();
  const groups = useLoad(
    async () =>
      staff.kind === "ready"
        ? fingerprint((await staff.messaging.orgLogs.load(staff.orgId)).rootSigningKey, "signing").split(" ")
        : null,
    [staff],
  );
  if (staff.kind !== "ready" || (groups.kind === "ready" && groups.value === null)) return null;
  return (
    <Section title={t("orgFingerprint.staff.title")}>
      <p>{t("orgFingerprint.staff.explain")}</p>
      {groups.kind === "ready" && groups.value ? (
        <FingerprintList groups={groups.value} label={t("orgFingerprint.staff.label")} />
      ) : groups.kind === "failed" ? (
        <p className="notice">{t("orgFingerprint.unavailable")}</p>
      ) : (
        <p role="status">{t("common.loading")}</p>
      )}
    </Section>
  );
}
