// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState } from "react";
import type { ApiClient } from "../api/client";
import { errorCode } from "../staff/use-staff";
import { useT } from "../i18n/use-t";
import { requestBreakGlass } from "./endpoints";

/**
 * Shown instead of a colleague's assigned case (the server answered
 * `break_glass_required`): the reason is asked before anything of the
 * conversation loads; the grant lasts an hour and is shown to the team lead.
 */
export function BreakGlassPrompt({
  api,
  caseId,
  onGranted,
}: {
  api: ApiClient;
  caseId: string;
  onGranted: () => void;
}) {
  const { t } = useT();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      className="staff-form break-glass"
      aria-labelledby="break-glass-heading"
      onSubmit={(event) => {
        event.preventDefault();
        if (busy) return;
        if (reason.trim().length < 10) return setProblem(t("breakGlass.tooShort"));
        setBusy(true);
        setProblem(null);
        api
          .request(requestBreakGlass, { params: { caseId }, body: { reason: reason.trim() } })
          .then(() => onGranted())
          .catch((error: unknown) => setProblem(t("dpo.failed", { code: errorCode(error) })))
          .finally(() => setBusy(false));
      }}
    >
      <h2 id="break-glass-heading">{t("breakGlass.heading")}</h2>
      <p>{t("breakGlass.explain")}</p>
      <div className="field">
        <label htmlFor="break-glass-reason">{t("breakGlass.reason")}</label>
        <textarea
          id="break-glass-reason"
          rows={3}
          maxLength={200}
          aria-describedby="break-glass-hint"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <p id="break-glass-hint" className="field__hint">
          {t("breakGlass.reasonHint")}
        </p>
      </div>
      {problem ? (
        <p className="notice notice--error" role="alert">
          {problem}
        </p>
      ) : null}
      <p>
        <button type="submit" className="button button--primary" aria-disabled={busy}>
          {t("breakGlass.submit")}
        </button>
      </p>
    </form>
  );
}
