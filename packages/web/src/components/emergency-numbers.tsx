// SPDX-License-Identifier: AGPL-3.0-or-later
import { Fragment } from "react";
import { useT } from "../i18n/use-t";

interface EmergencyLine {
  name: string;
  numbers: string[];
}

/** `tel:` wants the digits only ("0800 111 0 111" → "08001110111"). */
export function telHref(number: string): string {
  return `tel:${number.replace(/[^0-9+]/g, "")}`;
}

function useLines(): EmergencyLine[] {
  const { t } = useT();
  return t("start.emergency.items", { returnObjects: true }) as EmergencyLine[];
}

function Numbers({ line }: { line: EmergencyLine }) {
  const { t } = useT();
  return (
    <>
      {line.numbers.map((number, i) => (
        <Fragment key={number}>
          {i > 0 ? ` ${t("start.emergency.or")} ` : null}
          <a className="tel-link" dir="ltr" href={telHref(number)}>
            {number}
          </a>
        </Fragment>
      ))}
    </>
  );
}

/** The emergency numbers as a list of tap-to-call links (start page). */
export function EmergencyList() {
  const lines = useLines();
  return (
    <ul>
      {lines.map((line) => (
        <li key={line.name}>
          {line.name}: <Numbers line={line} />
        </li>
      ))}
    </ul>
  );
}

/** One short line with the same numbers, at the foot of every other client page. */
export function EmergencyFooter() {
  const { t } = useT();
  const lines = useLines();
  return (
    <section className="emergency-footer" aria-label={t("start.emergency.short")}>
      <p>
        <strong>{t("start.emergency.short")}:</strong>{" "}
        {lines.map((line, i) => (
          <Fragment key={line.name}>
            {i > 0 ? " · " : null}
            {line.name} <Numbers line={line} />
          </Fragment>
        ))}
      </p>
    </section>
  );
}
