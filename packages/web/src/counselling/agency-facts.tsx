// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AgencyView } from "@obhut/protocol";
import { useT } from "../i18n/use-t";

/** Languages, opening hours and address of an agency as a description list. */
export function AgencyFacts({ agency }: { agency: AgencyView }) {
  const { t } = useT();
  return (
    <>
      <dl className="agency-facts">
        {agency.languages.length > 0 ? (
          <>
            <dt>{t("finder.languages")}</dt>
            <dd>{agency.languages.map((code) => languageName(code)).join(", ")}</dd>
          </>
        ) : null}
        {agency.openingHours ? (
          <>
            <dt>{t("finder.openingHours")}</dt>
            <dd>{agency.openingHours}</dd>
          </>
        ) : null}
        {agency.address ? (
          <>
            <dt>{t("finder.address")}</dt>
            <dd>{agency.address}</dd>
          </>
        ) : null}
      </dl>
      {agency.onlineAnywhere ? <p className="agency-facts__online">{t("finder.onlineAnywhere")}</p> : null}
    </>
  );
}

/** "de" → "Deutsch" in the page language; unknown codes stay as they are. */
function languageName(code: string): string {
  try {
    const names = new Intl.DisplayNames([document.documentElement.lang || "de"], { type: "language" });
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}
