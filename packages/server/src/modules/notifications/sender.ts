// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";
import type { AppContext } from "../../core/context";
import type { Database } from "../../infra/db/schema";
import { findSenderName } from "./store";
import { defaultSenderName } from "./templates";

/** The organisation's neutral sender name, or the default in the recipient's language. */
export async function senderNameOf(db: Kysely<Database>, orgId: string | null, language: "de" | "en"): Promise<string> {
  return (orgId ? await findSenderName(db, orgId) : undefined) ?? defaultSenderName(language);
}

/** The app's login page: the only link a notice carries. */
export function loginLink(ctx: AppContext): string {
  return `${ctx.config.publicUrl}/`;
}
