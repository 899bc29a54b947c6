// SPDX-License-Identifier: AGPL-3.0-or-later

/**
 * Local check of a staff display name, mirroring `StaffDisplayName` in
 * @obhut/protocol (a unit test keeps them in step; repeated here so the
 * sign-up pages do not pull zod into their bundle). The display name is what
 * clients see: login names are never shown to them.
 */
export const DISPLAY_NAME_MAX = 64;
const VISIBLE_ONE_LINE = /^[^\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]*$/u;

export type DisplayNameErrorKey = "displayNameRequired" | "displayNameTooLong" | "displayNameInvalid";

export function displayNameError(value: string): DisplayNameErrorKey | null {
  const name = value.trim();
  if (!name) return "displayNameRequired";
  if (name.length > DISPLAY_NAME_MAX) return "displayNameTooLong";
  if (!VISIBLE_ONE_LINE.test(name)) return "displayNameInvalid";
  return null;
}
