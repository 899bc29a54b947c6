// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaseView } from "@obhut/protocol";
import { useState } from "react";
import { ApiError, type ApiClient } from "../api/client";
import { useAction } from "../api/use-action";
import { Section } from "../components/page";
import { useT } from "../i18n/use-t";
import { getCase, listCases, usePresence } from "../messaging";
import type { Member, Ready } from "./case-types";
import { AssignForm } from "./case-assign-form";
import { HandoverForm } from "./case-handover-form";
import { RebindForm } from "./case-rebind";
import { acceptCase, archiveCase, assignCase, closeCase, handOverCase } from "./endpoints";
import type { caseActions } from "../staff/format";
import { caseKeyContext } from "./staff-keys";

type Can = ReturnType<typeof caseActions>;

/**
 * A colleague's name with their presence as text ("anna – online"), so it
 * does not rest on colour. The server sends presence only for members of the
 * case's conversations and only where the organisation shares it among staff.
 */
function useMemberLabel(staff: Ready): (m: Member) => string {
  const { t } = useT();
  const presence = usePresence(staff.messaging.realtime);
  return (m) => {
    const state = presence.get(m.accountId);
    return state === "online" || state === "away" ? t(`caseView.presence.${state}`, { name: m.username }) : m.username;
  };
}

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
 * Accept, assign, hand over, close, archive (issue 6, items 6 and 9). The
 * server decides every step again; a lost race for a new enquiry comes back
 * as 409 case_taken, and the case is fetched to name who took it.
 */
export function CaseActions({
  staff,
  c,
  can,
  members,
  onChanged,
  writeNote,
}: {
  staff: Ready;
  c: CaseView;
  can: Can;
  members: Member[] | null;
  onChanged: (next: CaseView) => void;
  writeNote: (text: string) => Promise<void>;
}) {
  const { t } = useT();
  const { api } = staff.messaging;
  const [step, setStep] = useState<string | null>(null);
  const label = useMemberLabel(staff);

  /** One step at a time; a lost race is an answer (who took the case), not a failure. */
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

  const params = { caseId: c.id };
  const nothing = !can.accept && !can.assign && !can.handOver && !can.close && !can.archive;
  if (nothing && !message) return null;

  return (
    <Section title={t("caseView.actions")}>
      <p className={message?.kind === "error" ? "notice notice--error" : "visually-hidden"} role="status">
        {message?.text ?? ""}
      </p>
      <div className="button-row">
        {can.accept ? (
          <button
            type="button"
            className="button button--primary"
            aria-disabled={busy !== null}
            onClick={() => run("accept", () => api.request(acceptCase, { params }))}
          >
            {busy === "accept" ? t("caseView.accepting") : t("caseView.accept")}
          </button>
        ) : null}
        {can.close ? (
          <button
            type="button"
            className="button"
            aria-disabled={busy !== null}
            aria-describedby="close-hint"
            onClick={() => run("close", () => api.request(closeCase, { params }))}
          >
            {t("caseView.close")}
          </button>
        ) : null}
        {can.archive ? (
          <button
            type="button"
            className="button"
            aria-disabled={busy !== null}
            onClick={() => run("archive", () => api.request(archiveCase, { params }))}
          >
            {t("caseView.archive")}
          </button>
        ) : null}
      </div>
      {can.close ? (
        <p id="close-hint" className="field__hint">
          {t("caseView.closeHint")}
        </p>
      ) : null}
      {can.assign && members ? (
        <AssignForm
          members={members}
          label={label}
          current={c.assigneeId}
          busy={busy !== null}
          onAssign={(assigneeId) => run("assign", () => api.request(assignCase, { params, body: { assigneeId } }))}
        />
      ) : null}
      {can.handOver ? (
        <HandoverForm
          staff={staff}
          c={c}
          members={members}
          label={label}
          busy={busy}
          onHandOver={(target, note) =>
            run("handover", async () => {
              // The note goes first, while I still belong to the case; it is part of what gets re-wrapped.
              if (note.trim() !== "") await writeNote(`${t("caseNotes.handoverPrefix")}: ${note}`);
              if (target.kind === "colleague") {
                return api.request(handOverCase, { params, body: { toAccountId: target.id } });
              }
              staff.ring.refresh();
              const fresh = (await api.request(getCase, { params })).case;
              const teamWraps = await staff.ring.rewrapForTeam(caseKeyContext(fresh), target.id);
              return api.request(handOverCase, { params, body: { toTeamId: target.id, teamWraps } });
            })
          }
        />
      ) : null}
      {can.handOver ? <RebindForm staff={staff} c={c} onChanged={onChanged} /> : null}
    </Section>
  );
}
