// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useState } from "react";
import { api, ApiError, type ApiClient } from "../../api/client";
import { setupVerify } from "../../api/endpoints";
import { Page } from "../../components/page";
import { useT } from "../../i18n/use-t";
import type { SetupDeps } from "../../setup-crypto/complete-setup";
import { SetupWizard } from "./setup-wizard";
import { isWellFormedLinkToken, tokenFromHash } from "./validate";

export type VerifyState = "no_token" | "checking" | "valid" | "invalid" | "already_done" | "network_error";

/** Maps a verify failure to what the page shows. */
export function verifyStateFor(error: unknown): VerifyState {
  if (!(error instanceof ApiError)) return "network_error";
  switch (error.code) {
    case "setup_already_done":
      return "already_done";
    case "setup_token_invalid":
    case "invalid_body":
    case "bad_request":
    case "forbidden":
      return "invalid";
    default:
      return "network_error";
  }
}

export function SetupPage({ client = api, deps }: { client?: ApiClient; deps?: SetupDeps }) {
  const { t } = useT();
  // The token is read once from the fragment (which never reaches the server
  // or its logs) and then removed from the address bar and history entry,
  // so it cannot be shoulder-surfed, bookmarked or synced.
  const [token, setToken] = useState(() => tokenFromHash(window.location.hash));
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<VerifyState>(() => (token ? "checking" : "no_token"));
  // Once setup has finished (or stopped), "the link is valid" is no longer news.
  const [settled, setSettled] = useState(false);

  useEffect(() => {
    const strip = () => {
      if (window.location.hash) window.history.replaceState(null, "", window.location.pathname);
    };
    // A link pasted while this page is open only changes the fragment.
    const onHashChange = () => {
      const next = tokenFromHash(window.location.hash);
      strip();
      if (next) {
        setToken(next);
        setAttempt((n) => n + 1);
      }
    };
    strip();
    window.addEventListener("hashchange", onHashChange);
    return () => window.removeEventListener("hashchange", onHashChange);
  }, []);

  useEffect(() => {
    if (!token) return;
    setState("checking");
    if (!isWellFormedLinkToken(token)) {
      setState("invalid");
      return;
    }
    const controller = new AbortController();
    client
      .request(setupVerify, { body: { token }, signal: controller.signal })
      .then(() => setState("valid"))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState(verifyStateFor(error));
      });
    return () => controller.abort();
  }, [token, attempt, client]);

  return (
    <Page title={t("setup.title")} lead={t("setup.lead")}>
      <div className="setup-status" data-state={state}>
        {state === "checking" ? <p role="status">{t("setup.checking")}</p> : null}
        {state === "valid" && !settled ? (
          <p className="notice notice--success" role="status">
            {t("setup.valid")}
          </p>
        ) : null}
        {state === "no_token" || state === "invalid" || state === "already_done" || state === "network_error" ? (
          <p className="notice notice--error" role="alert">
            {t(
              state === "no_token"
                ? "setup.noToken"
                : state === "invalid"
                  ? "setup.invalid"
                  : state === "already_done"
                    ? "setup.alreadyDone"
                    : "setup.networkError",
            )}
          </p>
        ) : null}
      </div>
      {state === "valid" && token ? (
        // key: a newly pasted link starts over (nothing prepared for the old token is resent).
        <SetupWizard key={token} token={token} deps={{ api: client, ...deps }} onSettled={() => setSettled(true)} />
      ) : null}
    </Page>
  );
}
