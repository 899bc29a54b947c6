// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useRef, useState } from "react";
import { api } from "../api/client";
import { errorCode } from "../api/use-action";
import { Page } from "../components/page";
import { useT } from "../i18n/use-t";
import { Link } from "../router/router";
import { isWellFormedLinkToken, tokenFromHash } from "../routes/setup/validate";
import { confirmNotifyEmail } from "./notify-email-endpoints";

type State =
  { kind: "no_token" } | { kind: "checking" } | { kind: "done" } | { kind: "gone" } | { kind: "failed"; code: string };

/**
 * `/notify-email/confirm#token=…`: the page behind the link in the
 * confirmation mail (ADR 0034). The token stays in the fragment, so it never
 * reaches a server log as part of an address; it leaves the address bar at
 * once (like /invite and /reset) and is posted once. No login needed: the
 * link may be opened on another device than the one that asked.
 */
export function NotifyEmailConfirmPage() {
  const { t } = useT();
  const [token] = useState(() => tokenFromHash(window.location.hash));
  const [state, setState] = useState<State>(() => (token ? { kind: "checking" } : { kind: "no_token" }));
  // The token is single use: a second post (a remount in development) would only answer "gone".
  const posted = useRef(false);

  useEffect(() => {
    if (window.location.hash) window.history.replaceState(null, "", window.location.pathname);
  }, []);

  useEffect(() => {
    if (!token || posted.current) return;
    posted.current = true;
    if (!isWellFormedLinkToken(token)) {
      setState({ kind: "gone" });
      return;
    }
    api
      .request(confirmNotifyEmail, { body: { token } })
      .then(() => setState({ kind: "done" }))
      .catch((error: unknown) => {
        const code = errorCode(error);
        setState(code === "gone" ? { kind: "gone" } : { kind: "failed", code });
      });
  }, [token]);

  return (
    <Page title={t("notifyEmail.confirm.title")}>
      {state.kind === "checking" ? <p role="status">{t("notifyEmail.confirm.checking")}</p> : null}
      {state.kind === "done" ? (
        <p className="notice notice--success" role="status">
          {t("notifyEmail.confirm.done")}
        </p>
      ) : null}
      {state.kind === "no_token" || state.kind === "gone" || state.kind === "failed" ? (
        <p className="notice notice--error" role="alert">
          {state.kind === "failed"
            ? t("notifyEmail.confirm.failed", { code: state.code })
            : t(state.kind === "gone" ? "notifyEmail.confirm.gone" : "notifyEmail.confirm.noToken")}
        </p>
      ) : null}
      {state.kind !== "checking" ? (
        <p>
          <Link to="/account">{t("notifyEmail.confirm.accountLink")}</Link>
        </p>
      ) : null}
    </Page>
  );
}
