// SPDX-License-Identifier: AGPL-3.0-or-later
import type { StaffRole } from "@obhut/protocol";
import { useT } from "../i18n/use-t";
import { type Mapping, type SsoRoleMapping, withKeys } from "./sso-form";
import { STAFF_ROLES } from "./staff-roles";

/** Identity-provider groups to staff roles: one row per mapping, added and removed in place. */
export function SsoRoleMappings({
  mappings,
  onChange,
}: {
  mappings: Mapping[];
  onChange: (mappings: Mapping[]) => void;
}) {
  const { t } = useT();
  const patch = (key: number, p: Partial<SsoRoleMapping>) =>
    onChange(mappings.map((m) => (m.key === key ? { ...m, ...p } : m)));
  return (
    <fieldset className="fieldset">
      <legend>{t("sso.admin.mappingLegend")}</legend>
      <p className="field__hint">{t("sso.admin.mappingHint")}</p>
      {mappings.length === 0 ? <p>{t("sso.admin.mappingNone")}</p> : null}
      <ol className="admin-list">
        {mappings.map((m, index) => (
          <li key={m.key} className="admin-row" data-mapping={index + 1}>
            <div className="field">
              <label htmlFor={`sso-group-${m.key}`}>{t("sso.admin.group", { n: index + 1 })}</label>
              <input
                id={`sso-group-${m.key}`}
                value={m.group}
                onChange={(e) => patch(m.key, { group: e.target.value })}
                autoComplete="off"
                spellCheck={false}
              />
            </div>
            <div className="field">
              <label htmlFor={`sso-role-${m.key}`}>{t("sso.admin.role", { n: index + 1 })}</label>
              <select
                id={`sso-role-${m.key}`}
                value={m.role}
                onChange={(e) => patch(m.key, { role: e.target.value as StaffRole })}
              >
                {STAFF_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`admin.roles.${r}`)}
                  </option>
                ))}
              </select>
            </div>
            <button type="button" className="button" onClick={() => onChange(mappings.filter((x) => x.key !== m.key))}>
              {t("sso.admin.removeMapping", { n: index + 1 })}
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button"
        onClick={() => onChange([...mappings, ...withKeys([{ group: "", role: "counsellor" }])])}
      >
        {t("sso.admin.addMapping")}
      </button>
    </fieldset>
  );
}
