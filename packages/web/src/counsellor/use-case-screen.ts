// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaseEventView, CaseView } from "@obhut/protocol";
import { useEffect } from "react";
import { ApiError } from "../api/client";
import { useLoad } from "../api/use-action";
import { getCase } from "../messaging";
import { assigneeFromInbox } from "./use-case-step";
import type { Ready } from "./case-types";
import { teamMembers } from "./endpoints";

/**
 * What the case page shows: the case, or (closed to me, break glass) the
 * colleague who holds it, if known, or that there is no such case for me.
 */
export type Screen =
  | { kind: "case"; view: { case: CaseView; events: CaseEventView[] } }
  | { kind: "taken"; by: string | null }
  | { kind: "missing" };

/**
 * The case of the page's URL, reloaded on its live events, and the members
 * of its team (null until known, or when I may not list them).
 */
export function useCaseScreen(staff: Ready, caseId: string | null) {
  const { messaging } = staff;
  // Every failure, also of a reload after a live event, ends in "no such case" (a handover may close it to me).
  const screen = useLoad(
    async (signal): Promise<Screen> => {
      if (!caseId) return { kind: "missing" };
      try {
        return { kind: "case", view: await messaging.api.request(getCase, { params: { caseId }, signal }) };
      } catch (error) {
        if (error instanceof ApiError && error.code === "break_glass_required") {
          return { kind: "taken", by: await assigneeFromInbox(messaging.api, caseId) };
        }
        return { kind: "missing" };
      }
    },
    [caseId, messaging],
  );
  const { reload } = screen;

  useEffect(
    () =>
      messaging.realtime.onCase((frame) => {
        if (frame.caseId === caseId) void reload();
      }),
    [messaging, caseId, reload],
  );

  const view = screen.kind === "ready" && screen.value.kind === "case" ? screen.value.view : null;
  const teamId = view?.case.teamId;
  // Members, leads and admins may list the team (names for the timeline, colleagues for a handover).
  const team = useLoad(
    async (signal) =>
      teamId
        ? (await messaging.api.request(teamMembers, { params: { orgId: staff.orgId, teamId }, signal })).members
        : null,
    [messaging, staff.orgId, teamId],
  );
  const members = team.kind === "ready" ? team.value : null;

  return { caseId, screen, view, members };
}
