// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState } from "react";
import type { ApiClient } from "../api/client";
import { useAction } from "../api/use-action";
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
  const [tooShort, setTooShort] = useState(false);
  const grant = useAction(async (text: string) => {
    await api.request(requestBreakGlass, { params: { caseId }, body: { reason: text } });
    onGranted();
  });
  const problem = tooShort ? t("breakGlass.tooShort") : grant.error ? t("dpo.failed", { code: grant.error }) : null;
  return (
    <form
      className="staff-form break-glass"
      aria-labelledby="break-glass-heading"
      onSubmit={(event) => {
        event.preventDefault();
        if (grant.pending) return;
        setTooShort(reason.trim().length < 10);
        if (reason.trim().length < 10) return;
        void grant.run(reason.trim());
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
        <button type="submit" className="button button--primary" aria-disabled={grant.pending}>
          {t("breakGlass.submit")}
        </button>
      </p>
    </form>
  );
}
