// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState, type FormEvent } from "react";
import { ApiError } from "../api/client";
import { Page } from "../components/page";
import { TextField } from "../components/text-field";
import { useT } from "../i18n/use-t";

export interface StaffLoginInput {
  username: string;
  /** Stays in the browser; OPAQUE login proves it without sending it. */
  password: string;
}

/** Injected login step (OPAQUE + second factor); resolves on success. */
export type StaffLogin = (input: StaffLoginInput) => Promise<void>;

class LoginUnavailableError extends Error {}

const loginUnavailable: StaffLogin = async () => {
  throw new LoginUnavailableError("staff login not implemented yet");
};

export function StaffLoginPage({ onLogin = loginUnavailable }: { onLogin?: StaffLogin }) {
  const { t } = useT();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    if (!username.trim() || !password) {
      setMessage(t("staff.missingFields"));
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      await onLogin({ username: username.trim(), password });
    } catch (error) {
      setMessage(error instanceof ApiError ? error.message : t("staff.unavailable"));
    } finally {
      setPassword("");
      setBusy(false);
    }
  };

  return (
    <Page title={t("staff.title")} lead={t("staff.lead")}>
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <TextField
          id="staff-username"
          label={t("staff.username")}
          value={username}
          onValue={setUsername}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
        />
        <TextField
          id="staff-password"
          type="password"
          label={t("staff.password")}
          value={password}
          onValue={setPassword}
          autoComplete="current-password"
          required
        />
        {message ? (
          <p className="notice notice--error" role="alert">
            {message}
          </p>
        ) : null}
        <button type="submit" className="button button--primary" aria-disabled={busy}>
          {busy ? t("staff.submitting") : t("staff.submit")}
        </button>
      </form>
    </Page>
  );
}
