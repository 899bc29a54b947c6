// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useState, type FormEvent } from "react";
import { useAction, useLoad } from "../api/use-action";
import { Page } from "../components/page";
import { useT } from "../i18n/use-t";
import { Link } from "../router/router";
import { NOTICE_MAX_CHARS } from "../staff/format";
import { getAbsence, setAbsence } from "./endpoints";
import { StaffGate } from "../staff/staff-gate";
import type { StaffState } from "../staff/use-staff";
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
  const [active, setActive] = useState(false);
  const [message, setMessage] = useState("");
  const [messageInformal, setMessageInformal] = useState("");
  const [until, setUntil] = useState("");
  const [invalid, setInvalid] = useState<string | null>(null);
  const fill = (a: { active: boolean; message: string; messageInformal: string | null; until: number | null }) => {
    setActive(a.active);
    setMessage(a.message);
    setMessageInformal(a.messageInformal ?? "");
    setUntil(toLocalInput(a.until));
  };

  const current = useLoad((signal) => api.request(getAbsence, { signal }), [api]);
  const stored = current.kind === "ready" ? current.value : null;
  useEffect(() => {
    if (stored) fill(stored);
  }, [stored]);
  const save = useAction(async () => {
    fill(
      await api.request(setAbsence, {
        body: {
          active,
          message,
          messageInformal: messageInformal.trim() ? messageInformal : null,
          until: fromLocalInput(until),
        },
      }),
    );
    return true;
  });
  const failure = save.error ?? (current.kind === "failed" ? current.error : null);
  const status = invalid
    ? { kind: "error", text: invalid }
    : failure
      ? { kind: "error", text: t("absence.failed", { code: failure }) }
      : save.result
        ? { kind: "success", text: t("absence.saved") }
        : null;

  const max = NOTICE_MAX_CHARS;
  const informalError = messageInformal.length > max ? t("absence.tooLong", { max }) : undefined;
  const fieldError =
    message.length > max
      ? t("absence.tooLong", { max })
      : active && message.trim() === "" && status?.kind === "error"
        ? t("absence.needMessage")
        : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (save.pending) return;
    if (message.length > max || (active && message.trim() === "")) {
      setInvalid(message.length > max ? t("absence.tooLong", { max }) : t("absence.needMessage"));
      document.getElementById("absence-message")?.focus();
      return;
    }
    if (informalError) {
      setInvalid(informalError);
      document.getElementById("absence-message-informal")?.focus();
      return;
    }
    setInvalid(null);
    void save.run();
  };

  return (
    <Page title={t("absence.title")} lead={t("absence.lead")}>
      <p>
        <Link to="/inbox">{t("absence.back")}</Link>
      </p>
      {current.kind !== "loading" ? (
        <form className="staff-form" onSubmit={submit} noValidate>
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
          <div className={informalError ? "field field--invalid" : "field"}>
            <label htmlFor="absence-message-informal">{t("absence.messageInformal")}</label>
            <p id="absence-message-informal-hint" className="field__hint">
              {t("absence.messageInformalHint")}
            </p>
            {informalError ? (
              <p id="absence-message-informal-error" className="field__error">
                {informalError}
              </p>
            ) : null}
            <textarea
              id="absence-message-informal"
              rows={5}
              value={messageInformal}
              onChange={(e) => setMessageInformal(e.target.value)}
              aria-invalid={informalError ? true : undefined}
              aria-describedby={
                informalError
                  ? "absence-message-informal-hint absence-message-informal-error"
                  : "absence-message-informal-hint"
              }
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
            <button type="submit" className="button button--primary" aria-disabled={save.pending}>
              {save.pending ? t("absence.saving") : t("absence.save")}
            </button>
          </p>
        </form>
      ) : (
        <p role="status">{t("common.loading")}</p>
      )}
    </Page>
  );
}
