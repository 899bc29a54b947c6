// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useRef, useState } from "react";
import { useT } from "../../i18n/use-t";
import { Link } from "../../router/router";
import type { SetupResult } from "../../setup-crypto/complete-setup";
import { FingerprintList } from "../../components/fingerprint";

type CopyState = "idle" | "copied" | "failed";

/**
 * After setup: the organisation root key's fingerprint — the one value
 * everybody pins — with print and copy, and what to do next. The
 * fingerprint was computed in this browser from the key it generated, not
 * taken from the server.
 */
export function SetupDone({
  result,
  organisationName,
  username,
}: {
  result: SetupResult;
  organisationName: string;
  username: string;
}) {
  const { t } = useT();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [copy, setCopy] = useState<CopyState>("idle");
  const groups = result.rootFingerprint.split(" ");

  useEffect(() => headingRef.current?.focus(), []);

  const copyFingerprint = async () => {
    try {
      await navigator.clipboard.writeText(result.rootFingerprint);
      setCopy("copied");
    } catch {
      // No clipboard permission (or an old browser): the digits are selectable text.
      setCopy("failed");
    }
  };

  const followUpClass =
    result.followUp === "ready"
      ? "notice notice--success"
      : result.followUp === "log_mismatch"
        ? "notice notice--error"
        : "notice notice--warn";

  return (
    <div className="setup-done" data-follow-up={result.followUp}>
      <h2 id="setup-done-title" ref={headingRef} tabIndex={-1}>
        {t("setupFlow.doneTitle")}
      </h2>
      <p role="status">{t("setupFlow.doneIntro", { name: organisationName, username })}</p>
      <section className="section setup-fingerprint" aria-labelledby="setup-fingerprint-title">
        <h3 id="setup-fingerprint-title">{t("setupFlow.fingerprintTitle")}</h3>
        <p>{t("setupFlow.fingerprintExplain")}</p>
        <FingerprintList id="setup-fingerprint" groups={groups} label={t("setupFlow.fingerprintLabel")} />
        <div className="actions no-print">
          <button type="button" className="button" onClick={() => window.print()}>
            {t("setupFlow.print")}
          </button>
          <button type="button" className="button" onClick={() => void copyFingerprint()}>
            {t("setupFlow.copy")}
          </button>
        </div>
        <p className="no-print" aria-live="polite">
          {copy === "copied" ? t("setupFlow.copied") : copy === "failed" ? t("setupFlow.copyFailed") : null}
        </p>
      </section>
      <p className={`${followUpClass} no-print`} role={result.followUp === "log_mismatch" ? "alert" : undefined}>
        {t(`setupFlow.followUp.${result.followUp}`)}
      </p>
      <p className="no-print">
        {result.followUp === "ready" ? (
          <Link to="/account" className="button button--primary">
            {t("setupFlow.accountLink")}
          </Link>
        ) : result.followUp === "log_mismatch" ? null : (
          <Link to="/staff" className="button button--primary">
            {t("setupFlow.staffLink")}
          </Link>
        )}
      </p>
    </div>
  );
}
