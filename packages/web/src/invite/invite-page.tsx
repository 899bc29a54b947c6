// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useState } from "react";
import { Page } from "../components/page";
import { useT } from "../i18n/use-t";
import { isWellFormedLinkToken, tokenFromHash } from "../routes/setup/validate";
import { inviteVerifyFailure, verifyInvitation, type InvitationPreview, type InviteVerifyState } from "./invite-flow";
import { InviteSignUp } from "./invite-sign-up";

type Check =
  | { kind: "no_token" }
  | { kind: "checking" }
  | { kind: "failed"; why: InviteVerifyState }
  | { kind: "valid"; token: string; preview: InvitationPreview };

const FAILED_TEXT = {
  invalid: "invite.invalid",
  rate_limited: "invite.rateLimited",
  network: "invite.network",
} as const;

/**
 * `/invite#token=…`: checks the link, then the sign-up (invite-sign-up.tsx).
 * The token is read from the fragment and removed from the address bar at
 * once (like the setup link).
 */
export function InvitePage() {
  const { t } = useT();
  const [token] = useState(() => tokenFromHash(window.location.hash));
  const [check, setCheck] = useState<Check>(() => (token ? { kind: "checking" } : { kind: "no_token" }));

  useEffect(() => {
    if (window.location.hash) window.history.replaceState(null, "", window.location.pathname);
  }, []);

  useEffect(() => {
    if (!token) return;
    if (!isWellFormedLinkToken(token)) {
      setCheck({ kind: "failed", why: "invalid" });
      return;
    }
    const controller = new AbortController();
    verifyInvitation(token, { signal: controller.signal })
      .then((preview) => setCheck({ kind: "valid", token, preview }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setCheck({ kind: "failed", why: inviteVerifyFailure(error) });
      });
    return () => controller.abort();
  }, [token]);

  return (
    <Page title={t("invite.title")} lead={t("invite.lead")}>
      {check.kind === "valid" ? (
        <InviteSignUp token={check.token} preview={check.preview} />
      ) : (
        <div className="setup-status">
          {check.kind === "checking" ? <p role="status">{t("invite.checking")}</p> : null}
          {check.kind === "no_token" ? (
            <p className="notice notice--error" role="alert">
              {t("invite.noToken")}
            </p>
          ) : null}
          {check.kind === "failed" ? (
            <p className="notice notice--error" role="alert">
              {t(FAILED_TEXT[check.why])}
            </p>
          ) : null}
        </div>
      )}
    </Page>
  );
}
