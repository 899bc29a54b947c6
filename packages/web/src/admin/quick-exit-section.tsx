// SPDX-License-Identifier: AGPL-3.0-or-later
import type { GetClientSafety, UpdateClientSafety } from "@obhut/protocol";
import { useState, type FormEvent } from "react";
import type { Endpoint } from "../api/client";
import { useLoad } from "../api/use-action";
import { config, parseQuickExitUrl } from "../config";
import { useT } from "../i18n/use-t";
import type { AdminContext } from "./admin-context";
import { StatusMessage, useStatusAction } from "./admin-status";
import { useSeed } from "./use-seed";

// Type-checked against the protocol like the literals in endpoints.ts.
const getClientSafety: Endpoint<typeof GetClientSafety> = {
  method: "GET",
  path: "/api/organisations/:orgId/client-safety",
};
const updateClientSafety: Endpoint<typeof UpdateClientSafety> = {
  method: "PUT",
  path: "/api/organisations/:orgId/client-safety",
};

/**
 * Where "Schnell verlassen" leads on this organisation's client pages
 * (issue #15, item 9): one address field, checked like the server checks it,
 * and a way back to the installation's default.
 */
export function QuickExitSection({ admin }: { admin: AdminContext }) {
  const { t } = useT();
  const { api, orgId } = admin;
  const data = useLoad(
    async (signal) => (await api.request(getClientSafety, { params: { orgId }, signal })).settings,
    [api, orgId],
  );
  const settings = data.kind === "ready" ? data.value : null;
  const [url, setUrl] = useState("");
  const [invalid, setInvalid] = useState(false);
  const { status, run } = useStatusAction();
  useSeed(settings ?? undefined, (s) => setUrl(s.quickExitUrl ?? ""));

  const store = (quickExitUrl: string | null, done: string) =>
    void run(t("admin.working"), done, async () => {
      data.set((await api.request(updateClientSafety, { params: { orgId }, body: { quickExitUrl } })).settings);
    });

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (url.trim() === "") {
      setInvalid(false);
      store(null, t("admin.policies.quickExit.defaultSaved"));
      return;
    }
    // The server's rule, checked here first for a clear message (the server checks again).
    const valid = parseQuickExitUrl(url);
    setInvalid(valid === undefined);
    if (valid !== undefined) store(url.trim(), t("admin.policies.quickExit.saved"));
  };

  return (
    <section className="section" aria-labelledby="quick-exit-policy-heading">
      <h2 id="quick-exit-policy-heading">{t("admin.policies.quickExit.title")}</h2>
      <p>{t("admin.policies.quickExit.lead")}</p>
      <StatusMessage status={status} />
      {settings === null ? (
        <p>{t("admin.loading")}</p>
      ) : (
        <form className="form" onSubmit={save} noValidate>
          <p>
            {settings.quickExitUrl
              ? t("admin.policies.quickExit.current", { url: settings.quickExitUrl })
              : t("admin.policies.quickExit.default", { url: config.quickExitUrl })}
          </p>
          <div className="field">
            <label htmlFor="quick-exit-url">{t("admin.policies.quickExit.label")}</label>
            <input
              id="quick-exit-url"
              type="url"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              value={url}
              aria-invalid={invalid}
              aria-describedby={invalid ? "quick-exit-url-hint quick-exit-url-error" : "quick-exit-url-hint"}
              onChange={(event) => setUrl(event.target.value)}
            />
            <p id="quick-exit-url-hint" className="field__hint">
              {t("admin.policies.quickExit.hint")}
            </p>
            {invalid ? (
              <p id="quick-exit-url-error" className="field__error">
                {t("admin.policies.quickExit.invalid")}
              </p>
            ) : null}
          </div>
          <p className="actions">
            <button type="submit" className="button button--primary">
              {t("admin.policies.quickExit.save")}
            </button>
            {settings.quickExitUrl ? (
              <button
                type="button"
                className="button"
                onClick={() => {
                  setUrl("");
                  setInvalid(false);
                  store(null, t("admin.policies.quickExit.defaultSaved"));
                }}
              >
                {t("admin.policies.quickExit.useDefault")}
              </button>
            ) : null}
          </p>
        </form>
      )}
    </section>
  );
}
