// SPDX-License-Identifier: AGPL-3.0-or-later

/**
 * The one place that decides which name of an account another person sees.
 *
 * A login name is half of a credential (the other half is the password),
 * so it never reaches a client for anyone but the client themselves: staff
 * appear to clients only under the display name they chose. Staff accounts
 * created before the display name was required may have none; clients then
 * get `null` and the web app says "your counsellor". Colleagues still see
 * such a staff member's login name, because they need to tell people apart
 * and administrators manage accounts by it anyway.
 */

export interface NamedAccount {
  id: string;
  kind: "client" | "staff";
  username: string;
  display_name?: string | null | undefined;
}

export interface NameViewer {
  accountId: string;
  isClient: boolean;
}

/** A staff member as a client may see them: the chosen display name, or null when none is set. */
export function staffNameForClients(staff: { display_name?: string | null | undefined }): string | null {
  const name = staff.display_name?.trim();
  return name ? name : null;
}

/** A staff member as colleagues see them: the display name, else the login name. */
export function staffNameForColleagues(staff: { username: string; display_name?: string | null | undefined }): string {
  return staffNameForClients(staff) ?? staff.username;
}

/** A client as staff of their case (and they themselves) see them: the pseudonym they signed up with. */
export function clientName(client: { username: string; display_name?: string | null | undefined }): string {
  return client.display_name?.trim() || client.username;
}

/** Any account's name as `viewer` may see it; null when the viewer may see no name. */
export function accountNameFor(viewer: NameViewer, account: NamedAccount): string | null {
  if (account.kind === "staff") return viewer.isClient ? staffNameForClients(account) : staffNameForColleagues(account);
  // One client never learns another client's login name (a re-bound case keeps the old account in its timeline).
  if (viewer.isClient && account.id !== viewer.accountId) return null;
  return clientName(account);
}
