// SPDX-License-Identifier: AGPL-3.0-or-later
import { useLoad } from "../api/use-action";
import { useStaff } from "../staff/use-staff";
import type { ReadyStaff } from "./admin-context";
import { useT } from "../i18n/use-t";
import { listTeams } from "./endpoints";

type Row = { teamId: string; name: string; generation: number; readable: number[]; failed: boolean };

/** Each of my teams with the generations this browser can open, newest first tried. */
async function readTeamKeys(staff: ReadyStaff, signal: AbortSignal): Promise<Row[]> {
  const { ring, messaging, orgId } = staff;
  ring.refresh();
  const [teamIds, state, teams] = await Promise.all([
    ring.myTeamIds(),
    ring.orgState(),
    messaging.api.request(listTeams, { params: { orgId }, signal }).catch(() => ({ teams: [] })),
  ]);
  const out: Row[] = [];
  for (const teamId of teamIds) {
    const generation = state.teams.get(teamId)?.generations.at(-1)?.generation ?? 0;
    const readable: number[] = [];
    for (let g = generation; g >= 1; g--) {
      try {
        await ring.teamKey(teamId, g);
        readable.push(g);
      } catch {
        break;
      }
    }
    out.push({
      teamId,
      name: teams.teams.find((x) => x.id === teamId)?.name ?? teamId,
      generation,
      readable: readable.sort((a, b) => a - b),
      failed: !readable.includes(generation),
    });
  }
  return out;
}

/**
 * On the account page of staff: which team keys this browser could open,
 * each generation checked against the verified organisation log (directly
 * or through the history wraps). A counsellor sees at once whether the
 * administrator has given them their team's key.
 */
export default function TeamKeyStatus() {
  const { t } = useT();
  const staff = useStaff();
  const data = useLoad(async (signal) => (staff.kind === "ready" ? readTeamKeys(staff, signal) : null), [staff]);
  // A failure lists no teams, as an empty list would.
  const rows = data.kind === "ready" ? data.value : data.kind === "failed" ? [] : null;
  const refresh = () => void data.reload().catch(() => data.set([]));

  if (staff.kind !== "ready" || rows === null) return null;
  return (
    <section className="section" aria-labelledby="team-keys-heading">
      <h2 id="team-keys-heading">{t("admin.teamKeys.heading")}</h2>
      {rows.length === 0 ? <p>{t("admin.teamKeys.none")}</p> : null}
      <ul className="team-keys">
        {rows.map((r) => (
          <li
            key={r.teamId}
            data-team={r.name}
            data-generation={r.generation}
            data-readable={r.readable.join(",")}
            data-state={r.failed ? "failed" : "ok"}
          >
            {r.failed
              ? t("admin.teamKeys.failed", { team: r.name, generation: r.generation })
              : t("admin.teamKeys.ok", { team: r.name, generation: r.generation, count: r.readable.length })}
          </li>
        ))}
      </ul>
      <button type="button" className="button" onClick={refresh}>
        {t("admin.teamKeys.refresh")}
      </button>
    </section>
  );
}
