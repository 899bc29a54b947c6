// SPDX-License-Identifier: AGPL-3.0-or-later
import type { GetDisplayName, SetDisplayName } from "@obhut/protocol";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { api as defaultApi, type ApiClient, type Endpoint } from "../api/client";
import { DISPLAY_NAME_MAX, displayNameError, type DisplayNameErrorKey } from "../auth/display-name";
import { Section } from "../components/page";
import { TextField } from "../components/text-field";
import { useT } from "../i18n/use-t";

const getDisplayName: Endpoint<typeof GetDisplayName> = { method: "GET", path: "/api/account/display-name" };
const setDisplayName: Endpoint<typeof SetDisplayName> = { method: "PUT", path: "/api/account/display-name" };

/**
 * On the staff account page: the display name clients see (they never see
 * the login name). Staff accounts from before it was required have none;
 * for them the section says so first and asks for one.
 */
export default function DisplayNameSection({ api = defaultApi }: { api?: ApiClient }) {
  const { t } = useT();
  const [current, setCurrent] = useState<string | null | undefined>(undefined);
  const [value, setValue] = useState("");
  const [error, setError] = useState<DisplayNameErrorKey | null>(null);
  const [status, setStatus] = useState<"saved" | "failed" | null>(null);
  const [busy, setBusy] = useState(false);
  const statusRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    let live = true;
    api
      .request(getDisplayName)
      .then((answer) => {
        if (!live) return;
        setCurrent(answer.displayName);
        setValue(answer.displayName ?? "");
      })
      .catch(() => {
        // Without an answer there is nothing to show; the rest of the page works.
        if (live) setCurrent(undefined);
      });
    return () => {
      live = false;
    };
  }, [api]);

  useEffect(() => {
    if (status) statusRef.current?.focus();
  }, [status]);

  if (current === undefined) return null;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const problem = displayNameError(value);
    setError(problem);
    setStatus(null);
    if (problem) {
      document.getElementById("display-name")?.focus();
      return;
    }
    setBusy(true);
    try {
      const saved = await api.request(setDisplayName, { body: { displayName: value.trim() } });
      setCurrent(saved.displayName);
      setValue(saved.displayName ?? "");
      setStatus("saved");
    } catch {
      setStatus("failed");
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title={t("displayName.title")}>
      {current === null ? (
        <p className="notice notice--warn" data-testid="display-name-missing">
          {t("displayName.missing")}
        </p>
      ) : (
        <p>{t("displayName.current", { name: current })}</p>
      )}
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <TextField
          id="display-name"
          label={t("displayName.label")}
          hint={t("displayName.hint")}
          error={error ? t(`displayName.errors.${error}`) : undefined}
          value={value}
          onValue={setValue}
          autoComplete="name"
          required
          maxLength={DISPLAY_NAME_MAX}
        />
        <button type="submit" className="button" aria-disabled={busy}>
          {t("displayName.save")}
        </button>
      </form>
      {status ? (
        <p
          ref={statusRef}
          tabIndex={-1}
          role={status === "failed" ? "alert" : "status"}
          className={status === "failed" ? "notice notice--error" : "notice"}
        >
          {t(status === "failed" ? "displayName.failed" : "displayName.saved")}
        </p>
      ) : null}
    </Section>
  );
}
