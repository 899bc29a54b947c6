// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useState, type FormEvent } from "react";
import { Page } from "../components/page";
import { useT } from "../i18n/use-t";
import { Link } from "../router/router";
import { NOTICE_MAX_CHARS } from "../staff/format";
import { getAbsence, setAbsence } from "./endpoints";
import { StaffGate } from "../staff/staff-gate";
import { type StaffState, errorCode } from "../staff/use-staff";
import "./counsellor.css";

/**
 * Absence notice (issue 6, item 8). Organisational plaintext by design: the
 * server sends it to clients who write while the counsellor is away, and it
 * shows on the counsellor's cases.
 */
export function AbsencePage() {
  const { t } = useT();
  return <StaffGate title={t("absence.title")}>{(staff) => <AbsenceForm staff={staff} />}</StaffGate>;
}

/** `datetime-local` value (local time) ↔ epoch milliseconds. */
export function toLocalInput(at: number | null): string {
  if (at === null) return "";
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function fromLocalInput(value: string): number | null {
  if (value === "") return null;
  const at = new Date(value).getTime();
  return Number.isNaN(at) ? null : at;
}

function AbsenceForm({ staff }: { staff: Extract<StaffState, { kind: "ready" }> }) {
  const { t } = useT();
  const { api } = staff.messaging;
  const [loaded, setLoaded] = useState(false);
  const [active, setActive] = useState(false);
  const [message, setMessage] = useState("");
  const [until, setUntil] = useState("");
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ kind: "error" | "success"; text: string } | null>(null);

  useEffect(() => {
    api
      .request(getAbsence, {})
      .then((a) => {
        setActive(a.active);
        setMessage(a.message);
        setUntil(toLocalInput(a.until));
      })
      .catch((error: unknown) => setStatus({ kind: "error", text: t("absence.failed", { code: errorCode(error) }) }))
      .finally(() => setLoaded(true));
  }, [api, t]);

  const max = NOTICE_MAX_CHARS;
  const fieldError =
    message.length > max
      ? t("absence.tooLong", { max })
      : active && message.trim() === "" && status?.kind === "error"
        ? t("absence.needMessage")
        : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (message.length > max || (active && message.trim() === "")) {
      setStatus({
        kind: "error",
        text: message.length > max ? t("absence.tooLong", { max }) : t("absence.needMessage"),
      });
      document.getElementById("absence-message")?.focus();
      return;
    }
    setBusy(true);
    setStatus(null);
    try {
      const saved = await api.request(setAbsence, { body: { active, message, until: fromLocalInput(until) } });
      setActive(saved.active);
      setMessage(saved.message);
      setUntil(toLocalInput(saved.until));
      setStatus({ kind: "success", text: t("absence.saved") });
    } catch (error) {
      setStatus({ kind: "error", text: t("absence.failed", { code: errorCode(error) }) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t("absence.title")} lead={t("absence.lead")}>
      <p>
        <Link to="/inbox">{t("absence.back")}</Link>
      </p>
      {loaded ? (
        <form className="staff-form" onSubmit={(e) => void submit(e)} noValidate>
          <div className="checkbox-field">
            <input id="absence-active" type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
            <label htmlFor="absence-active">{t("absence.active")}</label>
          </div>
          <div className={fieldError ? "field field--invalid" : "field"}>
            <label htmlFor="absence-message">{t("absence.message")}</label>
            {fieldError ? (
              <p id="absence-message-error" className="field__error">
                {fieldError}
              </p>
            ) : null}
            <textarea
              id="absence-message"
              rows={5}
              value={message}
              onChange={(e) => setMessage(e.target.value)}
              aria-invalid={fieldError ? true : undefined}
              aria-describedby={fieldError ? "absence-message-error" : undefined}
            />
          </div>
          <div className="field">
            <label htmlFor="absence-until">{t("absence.until")}</label>
            <input id="absence-until" type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} />
          </div>
          <p
            className={
              !status ? "visually-hidden" : status.kind === "error" ? "notice notice--error" : "notice notice--success"
            }
            role="status"
          >
            {status?.text ?? ""}
          </p>
          <p>
            <button type="submit" className="button button--primary" aria-disabled={busy}>
              {busy ? t("absence.saving") : t("absence.save")}
            </button>
          </p>
        </form>
      ) : (
        <p role="status">{t("common.loading")}</p>
      )}
    </Page>
  );
}
