// SPDX-License-Identifier: AGPL-3.0-or-later
import { useRouter } from "../router/router";

/**
 * Pages on the way in, where a session may still owe its second factor or
 * key password and the server answers nothing else: the staff shell asks the
 * server nothing there.
 */
const WAY_IN = new Set(["/staff", "/mfa", "/sso/callback", "/invite", "/reset", "/setup"]);

/** True on the staff pages proper (not on the way in). */
export function useOnStaffPage(): boolean {
  const { path } = useRouter();
  return !WAY_IN.has(path);
}
