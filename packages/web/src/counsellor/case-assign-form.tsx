// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState } from "react";
import { useT } from "../i18n/use-t";
import type { Member } from "./case-types";

/** Assigns the case to another member of its team. */
export function AssignForm({
  members,
  label,
  current,
  busy,
  onAssign,
}: {
  members: Member[];
  label: (m: Member) => string;
  current: string | null;
  busy: boolean;
  onAssign: (id: string) => void;
}) {
  const { t } = useT();
  const choices = members.filter((m) => m.accountId !== current);
  const [chosen, setChosen] = useState(choices[0]?.accountId ?? "");
  if (choices.length === 0) return null;
  return (
    <form
      className="staff-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy && chosen) onAssign(chosen);
      }}
    >
      <h3>{t("caseView.assignTitle")}</h3>
      <div className="field">
        <label htmlFor="assign-member">{t("caseView.assignTo")}</label>
        <select id="assign-member" value={chosen} onChange={(e) => setChosen(e.target.value)}>
          {choices.map((m) => (
            <option key={m.accountId} value={m.accountId}>
              {label(m)}
            </option>
          ))}
        </select>
      </div>
      <p>
        <button type="submit" className="button" aria-disabled={busy}>
          {t("caseView.assign")}
        </button>
      </p>
    </form>
  );
}
