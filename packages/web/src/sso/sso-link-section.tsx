// SPDX-License-Identifier: AGPL-3.0-or-later
import type { SsoLinkView } from "@obhut/protocol";
import { useEffect, useRef, useState } from "react";
import { useAction, useLoad } from "../api/use-action";
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
  const data = useLoad<SsoLinkView | null>(() => ssoLinkStatus(), []);
  // Without an answer there is nothing to offer; the rest of the page works.
  const status = data.kind === "ready" ? data.value : null;
  const { reload, set } = data;
  const [waiting, setWaiting] = useState(false);
  const alertRef = useRef<HTMLParagraphElement>(null);
  const link = useAction(async (popup: Window | null) => {
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
      throw error;
    }
  });
  const busy = link.pending;
  const failure: Failure | null =
    link.error === null ? null : link.error === "sso_unavailable" ? "sso.link.unavailable" : "sso.link.failed";

  useEffect(() => {
    if (typeof BroadcastChannel === "undefined") return;
    const channel = new BroadcastChannel(LINK_CHANNEL);
    channel.onmessage = (event: MessageEvent<LinkMessage>) => {
      if (event.data !== "linked") return;
      channel.postMessage("seen" satisfies LinkMessage);
      setWaiting(false);
      void reload().catch(() => set(null));
    };
    return () => channel.close();
  }, [reload, set]);

  useEffect(() => {
    if (failure) alertRef.current?.focus();
  }, [failure]);

  if (!status?.available) return null;

  const begin = () => {
    if (busy) return;
    // Open the window during the click (pop-up blockers), fill in the address once the server gave it.
    void link.run(open("about:blank"));
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
          <button type="button" className="button" aria-busy={busy} onClick={begin}>
            {t("sso.link.start")}
          </button>
        </>
      )}
    </section>
  );
}
