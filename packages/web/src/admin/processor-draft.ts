// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ProcessorInput, ProcessorSafeguard, ProcessorView } from "@obhut/protocol";

/** The processor form's state: strings as typed; turned into the protocol's input on saving. */
export interface ProcessorDraft {
  name: string;
  service: string;
  location: string;
  country: string;
  thirdCountryTransfer: boolean;
  safeguard: ProcessorSafeguard | "";
  contractDate: string;
  reviewDate: string;
  /** `key` keeps each row's inputs stable while rows are added and removed. */
  subProcessors: { key: number; name: string; country: string }[];
  notes: string;
}

export const SAFEGUARDS: ProcessorSafeguard[] = ["adequacy", "scc", "bcr", "other"];

export const EMPTY_PROCESSOR: ProcessorDraft = {
  name: "",
  service: "",
  location: "",
  country: "",
  thirdCountryTransfer: false,
  safeguard: "",
  contractDate: "",
  reviewDate: "",
  subProcessors: [],
  notes: "",
};

let nextKey = 1;
export const newSubProcessorRow = (name = "", country = "") => ({ key: nextKey++, name, country });

export function toProcessorDraft(p: ProcessorView): ProcessorDraft {
  return {
    name: p.name,
    service: p.service,
    location: p.location,
    country: p.country ?? "",
    thirdCountryTransfer: p.thirdCountryTransfer,
    safeguard: p.safeguard ?? "",
    contractDate: p.contractDate ?? "",
    reviewDate: p.reviewDate ?? "",
    subProcessors: p.subProcessors.map((s) => newSubProcessorRow(s.name, s.country)),
    notes: p.notes,
  };
}

/** Empty rows are dropped; country codes are upper-cased (the server checks the rest). */
export function toProcessorInput(d: ProcessorDraft): ProcessorInput {
  const country = d.country.trim().toUpperCase();
  return {
    name: d.name,
    service: d.service,
    location: d.location,
    country: country === "" ? null : country,
    thirdCountryTransfer: d.thirdCountryTransfer,
    safeguard: d.thirdCountryTransfer && d.safeguard !== "" ? d.safeguard : null,
    contractDate: d.contractDate === "" ? null : d.contractDate,
    reviewDate: d.reviewDate === "" ? null : d.reviewDate,
    subProcessors: d.subProcessors
      .filter((s) => s.name.trim() !== "" || s.country.trim() !== "")
      .map((s) => ({ name: s.name, country: s.country.trim().toUpperCase() })),
    notes: d.notes,
  };
}
