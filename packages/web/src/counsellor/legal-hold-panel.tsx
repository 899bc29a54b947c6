// SPDX-License-Identifier: AGPL-3.0-or-later
import type { GetLegalHold, LegalHoldView, ReleaseLegalHold, SetLegalHold } from "@obhut/protocol";
import { useEffect, useRef, useState, type FormEvent } from "react";
import type { Endpoint } from "../api/client";
import { useAction, useLoad } from "../api/use-action";
import { Section } from "../components/page";
import { TextArea } from "../counselling/text-area";
import { useT } from "../i18n/use-t";
import type { Ready } from "./case-types";
import { formatDateTime } from "../staff/format";

const getHold: Endpoint<typeof GetLegalHold> = { method: "GET", path: "/api/cases/:caseId/legal-hold" };
const setHold: Endpoint<typeof SetLegalHold> = { method: "PUT", path: "/api/cases/:caseId/legal-hold" };
const releaseHold: Endpoint<typeof ReleaseLegalHold> = { method: "DELETE", path: "/api/cases/:caseId/legal-hold" };

/**
 * Team leads (and admins, the DPO) put a case on legal hold with a reason —
 * e.g. court proceedings — so retention never deletes it, nor its messages,
 * attachments and keys (ADR 0013); and release it again. The reason is
 * organisational data, not case content: the server stores it, the audit
 * log records only that a hold was set or released.
 */
export function LegalHoldPanel({ staff, caseId }: { staff: Ready; caseId: string }) {
  const { t, i18n } = useT();
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const api = staff.messaging.api;

  // Not a lead of this case's team: the request fails, and there is nothing to show.
  const load = useLoad(
    async (signal) => (await api.request(getHold, { params: { caseId }, signal })).hold,
    [api, caseId],
  );
  /** One request at a time; the outcome is announced, a failure names its code. */
  const change = useAction(async (work: () => Promise<LegalHoldView | null>, outcome: "set" | "released") => {
    load.set(await work());
    return outcome;
  });
  const done = change.result ?? null;

  useEffect(() => {
    if (done) statusRef.current?.focus();
  }, [done]);

  if (load.kind !== "ready") return null;
  const hold = load.value;
  const error = missing
    ? t("legalHold.reasonMissing")
    : change.error
      ? t("legalHold.failed", { code: change.error })
      : undefined;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setMissing(reason.trim().length < 3);
    if (reason.trim().length < 3) return;
    void change.run(async () => {
      const { hold: next } = await api.request(setHold, { params: { caseId }, body: { reason: reason.trim() } });
      setReason("");
      return next;
    }, "set");
  };

  const release = () =>
    void change.run(async () => {
      await api.request(releaseHold, { params: { caseId } });
      return null;
    }, "released");

  return (
    <Section title={t("legalHold.title")}>
      {done ? (
        <p role="status" tabIndex={-1} ref={statusRef} className="notice">
          {t(done === "set" ? "legalHold.setDone" : "legalHold.releasedDone")}
        </p>
      ) : null}
      {hold ? (
        <div data-legal-hold="active">
          <p className="notice notice--warn">
            {t("legalHold.active", { date: formatDateTime(i18n.language, hold.setAt) })}
          </p>
          <p>
            {t("legalHold.reasonLabel")}: <span className="message__text">{hold.reason}</span>
          </p>
          {error ? (
            <p className="notice notice--error" role="alert">
              {error}
            </p>
          ) : null}
          <button type="button" className="button" aria-busy={change.pending} onClick={release}>
            {t("legalHold.release")}
          </button>
        </div>
      ) : (
        <form className="form" noValidate onSubmit={submit} data-legal-hold="none">
          <p>{t("legalHold.explain")}</p>
          <TextArea
            id="legal-hold-reason"
            label={t("legalHold.reasonLabel")}
            hint={t("legalHold.reasonHint")}
            value={reason}
            onValue={setReason}
            error={error}
            maxLength={500}
            rows={2}
          />
          <button type="submit" className="button" aria-busy={change.pending}>
            {t("legalHold.set")}
          </button>
        </form>
      )}
    </Section>
  );
}
