// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ProcessingRecordView } from "@obhut/protocol";
import type { useT } from "../i18n/use-t";

type Translate = ReturnType<typeof useT>["t"];
type RecordProcessor = ProcessingRecordView["processors"][number];

/**
 * One processor of the Art. 30 record as a line (page and PDF): name, service and place, then what the
 * register holds (ADR 0049) — contract, third-country safeguard, sub-processors, next review.
 */
export function processorLine(p: RecordProcessor, t: Translate): string {
  const place = p.country ? `${p.location}, ${p.country}` : p.location;
  const parts = [`${p.name} — ${p.service} (${place})`];
  if (p.contractDate) parts.push(t("processors.record.contract", { date: p.contractDate }));
  if (p.thirdCountrySafeguard)
    parts.push(
      t("processors.record.transfer", {
        safeguard: t(`processors.safeguards.${p.thirdCountrySafeguard as "scc"}`),
      }),
    );
  if (p.subProcessors?.length)
    parts.push(
      t("processors.record.subs", { list: p.subProcessors.map((s) => `${s.name} (${s.country})`).join(", ") }),
    );
  if (p.reviewDate) parts.push(t("processors.record.review", { date: p.reviewDate }));
  return parts.join("; ");
}
