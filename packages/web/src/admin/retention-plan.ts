// SPDX-License-Identifier: AGPL-3.0-or-later
import type { OrganisationRetentionClass, RetentionRuleView } from "@obhut/protocol";

/** A period the admin changed: from what the server holds to the new value. */
export interface PeriodChange {
  dataClass: OrganisationRetentionClass;
  from: number;
  to: number;
  /** Shorter periods delete earlier: the next run removes what is older than `to`. */
  shorter: boolean;
}

export interface RetentionPlan {
  changes: PeriodChange[];
  /** Classes whose field is not a whole number within the class's bounds. */
  invalid: OrganisationRetentionClass[];
}

/** Whether the organisation sets this class (the instance class belongs to the operator's CLI). */
export const organisationClass = (dataClass: RetentionRuleView["dataClass"]): dataClass is OrganisationRetentionClass =>
  dataClass !== "inactive_client_accounts";

/** A field's text as days: a whole number, or null. */
export function parseDays(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{1,6}$/.test(trimmed) ? Number(trimmed) : null;
}

/**
 * What saving the form would change, compared with the rules the server
 * holds: the changed periods (the request sends only these) and the fields
 * that are out of bounds. The console cannot say how many records a change
 * deletes — the API offers no preview — so the plan carries directions only.
 */
export function planRetention(
  rules: readonly RetentionRuleView[],
  fields: Readonly<Record<string, string>>,
): RetentionPlan {
  const changes: PeriodChange[] = [];
  const invalid: OrganisationRetentionClass[] = [];
  for (const rule of rules) {
    const { dataClass } = rule;
    if (!organisationClass(dataClass)) continue;
    const days = parseDays(fields[dataClass] ?? String(rule.periodDays));
    if (days === null || days < rule.minDays || days > rule.maxDays) invalid.push(dataClass);
    else if (days !== rule.periodDays)
      changes.push({ dataClass, from: rule.periodDays, to: days, shorter: days < rule.periodDays });
  }
  return { changes, invalid };
}
