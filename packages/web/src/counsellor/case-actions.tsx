// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaseView } from "@obhut/protocol";
import { Section } from "../components/page";
import { useT } from "../i18n/use-t";
import { getCase } from "../messaging";
import { handoverEpochs } from "../messaging/staff-rotation";
import type { Member, Ready } from "./case-types";
import { AssignForm } from "./case-assign-form";
import { HandoverForm } from "./case-handover-form";
import { RebindForm } from "./case-rebind";
import { acceptCase, archiveCase, assignCase, closeCase, handOverCase } from "./endpoints";
import type { caseActions } from "../staff/format";
import { caseKeyContext } from "./staff-keys";
import { useCaseStep } from "./use-case-step";
import { useMemberLabel } from "./use-member-label";

type Can = ReturnType<typeof caseActions>;

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
  const label = useMemberLabel(staff);
  const { run, busy, message } = useCaseStep(api, c, onChanged);

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
              const ctx = caseKeyContext(fresh);
              const teamWraps = await staff.ring.rewrapForTeam(ctx, target.id);
              // The old team leaves with the handover: the new team's first epochs go along (ADR 0029).
              const epochs = await handoverEpochs(staff.ring, ctx, target.id, Date.now());
              return api.request(handOverCase, { params, body: { toTeamId: target.id, teamWraps, epochs } });
            })
          }
        />
      ) : null}
      {can.handOver ? <RebindForm staff={staff} c={c} onChanged={onChanged} /> : null}
    </Section>
  );
}
