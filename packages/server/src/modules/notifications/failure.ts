// SPDX-License-Identifier: AGPL-3.0-or-later
import type { DeadLetterReason } from "@obhut/protocol";

/**
 * What a failed notice leaves in the queue's `last_error` (ADR 0041): a
 * reason from a fixed list and the transport's error code, never the
 * transport's message — an SMTP server's refusal quotes the recipient's
 * address ("550 <name@example.org>: unknown user"), and the queue's row is
 * read by admins on the dead-letter page.
 */
const CODE = /^[A-Z0-9_]{1,24}$/;

function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && CODE.test(code) ? code : undefined;
}

export function mailFailure(err: unknown): Error {
  const code = codeOf(err);
  const status = (err as { responseCode?: unknown } | null)?.responseCode;
  const refused =
    code === "EENVELOPE" || code === "EMESSAGE" || (typeof status === "number" && status >= 500 && status < 600);
  const detail = [code, typeof status === "number" ? String(status) : undefined].filter(Boolean).join(" ");
  return new Error(`${refused ? "mail_refused" : "mail_unreachable"}${detail ? ` (${detail})` : ""}`);
}

export function pushFailure(err: unknown): Error {
  // PushFailed's message names a status or an error code only (infra/push/sender.ts); anything else is not kept.
  const what =
    err instanceof Error && err.name === "PushFailed" ? /\(([^()]{1,40})\)$/.exec(err.message)?.[1] : undefined;
  return new Error(`push_failed${what ? ` (${what})` : ""}`);
}

/** The dead-letter page's reason for a failed job's last error. */
export function failureReason(lastError: string | null): DeadLetterReason {
  if (!lastError) return "other";
  if (lastError.startsWith("mail_unreachable")) return "mail_unreachable";
  if (lastError.startsWith("mail_refused")) return "mail_refused";
  if (lastError.startsWith("push_failed")) return "push_failed";
  if (lastError.includes("lease expired")) return "lease_expired";
  return "other";
}
