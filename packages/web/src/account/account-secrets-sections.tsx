// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AccountSession } from "../keys/session-store";
import { PasswordSection } from "./password-section";
import { RecoveryCodeSection } from "./recovery-code-section";
import SessionsSection from "./sessions-section";

/** Password change, a new recovery code and the open logins on the account page, for clients and staff (one lazy chunk). */
export default function AccountSecretsSections({ session }: { session: AccountSession }) {
  return (
    <>
      <PasswordSection session={session} />
      <RecoveryCodeSection session={session} />
      <SessionsSection />
    </>
  );
}
