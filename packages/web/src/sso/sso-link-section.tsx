// SPDX-License-Identifier: AGPL-3.0-or-later
import type { SsoLinkView } from "@obhut/protocol";
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "../api/client";
import { useT } from "../i18n/use-t";
import { LINK_CHANNEL, ssoLinkStatus, startSsoLink, type LinkMessage } from "./sso-flow";

type Failure = "sso.link.failed" | "sso.link.unavailable";

/**
 * On the staff account page: "Link my organisation login (SSO)". Shown only
 * when the organisation offers SSO. The identity provider opens in a pop-up
 * so this page — and the keys in its memory — stays as it is; without
 * pop-ups the browser goes there itself and the person logs in again after.
 */
export default function SsoLinkSection({
  open = (url) => window.open(url, "obhut-sso-link", "popup"),
  go = (url) => window.location.assign(url),
}: {
  open?: (url: string) => Window | null;
  go?: (url: string) => void;
}) {
  const { t, i18n } = useT();
  const [status, setStatus] = useState<SsoLinkView | null>(null);
  const [busy, setBusy] = useState(false);
  const [waiting, setWaiting] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const alertRef = useRef<HTMLParagraphElement>(null);

  const load = useCallback(async () => {
    try {
      setStatus(await ssoLinkStatus());
    } catch {
      // Without an answer there is nothing to offer; the rest of the page works.
      setStatus(null);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (typeof BroadcastChannel === "undefined") return;
    const channel = new BroadcastChannel(LINK_CHANNEL);
    channel.onmessage = (event: MessageEvent<LinkMessage>) => {
      if (event.data !== "linked") return;
      channel.postMessage("seen" satisfies LinkMessage);
      setWaiting(false);
      void load();
    };
    return () => channel.close();
  }, [load]);

  useEffect(() => {
    if (failure) alertRef.current?.focus();
  }, [failure]);

  if (!status?.available) return null;

  const begin = async () => {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    // Open the window during the click (pop-up blockers), fill in the address once the server gave it.
    const popup = open("about:blank");
    try {
      const url = await startSsoLink();
      if (popup) {
        // The provider's pages need no handle on this window.
        popup.opener = null;
        popup.location.href = url;
        setWaiting(true);
      } else {
        go(url);
      }
    } catch (error) {
      popup?.close();
      const code = error instanceof ApiError ? error.code : "";
      setFailure(code === "sso_unavailable" ? "sso.link.unavailable" : "sso.link.failed");
    } finally {
      setBusy(false);
    }
  };

  const date = (ms: number) => new Intl.DateTimeFormat(i18n.language, { dateStyle: "long" }).format(new Date(ms));

  return (
    <section className="section" aria-labelledby="sso-link-heading">
      <h2 id="sso-link-heading">{t("sso.link.heading")}</h2>
      {status.linked ? (
        <p className="notice" data-sso-linked="true">
          {t("sso.link.linkedSince", { date: date(status.linkedAt ?? Date.now()) })}
        </p>
      ) : (
        <>
          <p>{t("sso.link.explain")}</p>
          {failure ? (
            <p className="notice notice--error" role="alert" tabIndex={-1} ref={alertRef}>
              {t(failure)}
            </p>
          ) : null}
          <p role="status">{waiting ? t("sso.link.waiting") : ""}</p>
          <button type="button" className="button" aria-busy={busy} onClick={() => void begin()}>
            {t("sso.link.start")}
          </button>
        </>
      )}
    </section>
  );
}
