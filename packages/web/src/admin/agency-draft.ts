// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AgencyAdminView, AgencyInput } from "@obhut/protocol";

/** An agency as the form edits it: lists as comma-separated text. */
export interface AgencyDraft {
  name: string;
  address: string;
  postcodes: string;
  topicIds: string[];
  languages: string;
  openingHours: string;
  onlineAnywhere: boolean;
  greeting: string;
  greetingInformal: string;
}

export const EMPTY_DRAFT: AgencyDraft = {
  name: "",
  address: "",
  postcodes: "",
  topicIds: [],
  languages: "de",
  openingHours: "",
  onlineAnywhere: false,
  greeting: "",
  greetingInformal: "",
};

const list = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);

export const toDraft = (a: AgencyAdminView): AgencyDraft => ({
  name: a.name,
  address: a.address ?? "",
  postcodes: a.postcodes.join(", "),
  topicIds: a.topicIds,
  languages: a.languages.join(", "),
  openingHours: a.openingHours ?? "",
  onlineAnywhere: a.onlineAnywhere,
  greeting: a.greeting ?? "",
  greetingInformal: a.greetingInformal ?? "",
});

export const toInput = (d: AgencyDraft): AgencyInput => ({
  name: d.name.trim(),
  address: d.address.trim() || null,
  postcodes: list(d.postcodes),
  topicIds: d.topicIds,
  languages: list(d.languages).map((l) => l.toLowerCase()),
  openingHours: d.openingHours.trim() || null,
  onlineAnywhere: d.onlineAnywhere,
  greeting: d.greeting.trim() || null,
  greetingInformal: d.greetingInformal.trim() || null,
});
