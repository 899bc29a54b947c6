// SPDX-License-Identifier: AGPL-3.0-or-later
import type { SetDisplayName } from "@obhut/protocol";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { api as defaultApi, type ApiClient, type Endpoint } from "../api/client";
import { getDisplayName } from "../api/endpoints";
import { useAction, useLoad } from "../api/use-action";
import { DISPLAY_NAME_MAX, displayNameError, type DisplayNameErrorKey } from "../auth/display-name";
import { Section } from "../components/page";
import { TextField } from "../components/text-field";
import { useT } from "../i18n/use-t";

const setDisplayName: Endpoint<typeof SetDisplayName> = { method: "PUT", path: "/api/account/display-name" };

/**
 * On the staff account page: the display name clients see (they never see
 * the login name). Staff accounts from before it was required have none;
 * for them the section says so first and asks for one.
 */
export default function DisplayNameSection({ api = defaultApi }: { api?: ApiClient }) {
  const data = useLoad((signal) => api.request(getDisplayName, { signal }), [api]);
  // Without an answer there is nothing to show; the rest of the page works.
  if (data.kind !== "ready") return null;
  return <DisplayNameForm api={api} current={data.value.displayName} onSaved={data.set} />;
}

function DisplayNameForm({
  api,
  current,
  onSaved,
}: {
  api: ApiClient;
  current: string | null;
  onSaved: (saved: { displayName: string | null }) => void;
}) {
  const { t } = useT();
  const [value, setValue] = useState(current ?? "");
  const [error, setError] = useState<DisplayNameErrorKey | null>(null);
  const save = useAction(async (displayName: string) => {
    const saved = await api.request(setDisplayName, { body: { displayName } });
    onSaved(saved);
    setValue(saved.displayName ?? "");
    return saved;
  });
  const status = save.error !== null ? "failed" : save.result ? "saved" : null;
  const statusRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (status) statusRef.current?.focus();
  }, [status]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (save.pending) return;
    const problem = displayNameError(value);
    setError(problem);
    save.reset();
    if (problem) {
      document.getElementById("display-name")?.focus();
      return;
    }
    void save.run(value.trim());
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
      <form className="form" noValidate onSubmit={submit}>
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
        <button type="submit" className="button" aria-disabled={save.pending}>
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
