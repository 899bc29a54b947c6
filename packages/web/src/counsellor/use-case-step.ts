// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaseView } from "@obhut/protocol";
import { useState } from "react";
import { ApiError, type ApiClient } from "../api/client";
import { useAction } from "../api/use-action";
import { useT } from "../i18n/use-t";
import { getCase, listCases } from "../messaging";

/** Who holds a case of my teams, from the team inbox (which lists colleagues' cases without their content). */
export async function assigneeFromInbox(api: ApiClient, caseId: string): Promise<string | null> {
  try {
    const { cases } = await api.request(listCases, { query: { scope: "team" } });
    return cases.find((x) => x.id === caseId)?.assigneeName ?? null;
  } catch {
    return null;
  }
}

/**
 * One step on a case at a time (accept, assign, hand over, close, archive);
 * a lost race is an answer (who took the case), not a failure. `busy` names
 * the pending step, `message` what the last step came to.
 */
export function useCaseStep(api: ApiClient, c: CaseView, onChanged: (next: CaseView) => void) {
  const { t } = useT();
  const [step, setStep] = useState<string | null>(null);
  const action = useAction(async (name: string, work: () => Promise<{ case: CaseView }>) => {
    setStep(name);
    try {
      onChanged((await work()).case);
      return { taken: false as const };
    } catch (error) {
      if (!(error instanceof ApiError && error.code === "case_taken")) throw error;
      const now = await api.request(getCase, { params: { caseId: c.id } }).catch(() => null);
      // A colleague's case may be closed to me (break glass): the team list still names who has it.
      const who = now ? now.case.assigneeName : await assigneeFromInbox(api, c.id);
      if (now) onChanged(now.case);
      return { taken: true as const, who };
    }
  });
  const run = (name: string, work: () => Promise<{ case: CaseView }>) => void action.run(name, work);
  const busy = action.pending ? step : null;
  const message = action.error
    ? { kind: "error", text: t("caseView.failed", { code: action.error }) }
    : action.result?.taken
      ? {
          kind: "error",
          text: action.result.who ? t("caseView.taken", { name: action.result.who }) : t("caseView.takenUnknown"),
        }
      : action.result
        ? { kind: "success", text: t("caseView.done") }
        : null;
  return { run, busy, message };
}
