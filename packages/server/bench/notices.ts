// SPDX-License-Identifier: AGPL-3.0-or-later
import fs from "node:fs";
import path from "node:path";
import { enqueueNotices } from "../src/modules/notifications/email-job";
import { sealNotifyAddress } from "../src/modules/notifications/seal";
import { startSmtpServer } from "../test/helpers/smtp";
import { runDirect } from "./direct";
import { seedUsers, startBenchServer, type ServerOptions } from "./harness";
import { nowMs, round, sleep } from "./stats";

export interface NoticesOptions {
  /** Recipients of the one event (a channel post to this many subscribers). */
  recipients: number;
  /** The message probe running while the queue drains: pairs of users, msg/s, seconds. */
  probeUsers: number;
  probeRate: number;
  probeSeconds: number;
  /** Give up waiting for the drain after this long (the figures then say how far it got). */
  drainTimeoutSeconds: number;
}

/**
 * A burst of notices (issue #17, ADR 0044): one event for N recipients, each
 * with a confirmed address, queued in one transaction by the server's own
 * `enqueueNotices` (what the bell does for an event), then drained by the
 * real server's queue worker to a real SMTP server process (STARTTLS, test
 * CA), at that server's pace. Meanwhile a direct-messaging probe measures
 * whether message delivery stays unaffected: the same probe runs once before
 * the burst (baseline) and once during the drain.
 */
export async function runNotices(serverOptions: ServerOptions, o: NoticesOptions) {
  const smtp = await startSmtpServer();
  const server = await startBenchServer({ ...serverOptions, env: { ...serverOptions.env, ...smtp.env() } });
  try {
    const db = server.db.db;
    const { notifyKey } = JSON.parse(fs.readFileSync(path.join(server.dataDir, "secrets.json"), "utf8")) as {
      notifyKey: string;
    };
    const { org, users } = await seedUsers(server.db, o.recipients);
    const now = Date.now();
    for (let i = 0; i < users.length; i += 500)
      await db
        .insertInto("notify_addresses")
        .values(
          users.slice(i, i + 500).map((u, j) => ({
            account_id: u.id,
            address_sealed: sealNotifyAddress(notifyKey, u.id, `b${i + j}@bench.example`),
            language: "en" as const,
            confirmed_at: now,
            token_hash: null,
            token_expires_at: null,
            new_enquiry: 0,
            created_at: now,
          })),
        )
        .execute();

    process.stderr.write("notices: probe before the burst\n");
    const probe = { users: o.probeUsers, rates: [o.probeRate], sizes: [300], stepSeconds: o.probeSeconds };
    const before = (await runDirect(server, probe)).steps[0];

    // The burst: one event, every recipient, one transaction (what noticeStaffEvent does inside the event's).
    const at = Date.now();
    const t0 = nowMs();
    await db.transaction().execute((trx) =>
      enqueueNotices(
        trx,
        at,
        `bench:${at}`,
        users.map((u) => ({
          kind: "dsr_due_soon" as const,
          eventAt: at,
          recipientId: u.id,
          organisationId: org,
          form: "formal" as const,
        })),
      ),
    );
    const queuedMs = round(nowMs() - t0, 1);
    process.stderr.write(`notices: ${o.recipients} queued in ${queuedMs} ms; probe during the drain\n`);

    const during = (await runDirect(server, probe)).steps[0];

    // Drained when every job is done; the SMTP server's mail folder counts what arrived.
    const deadline = nowMs() + o.drainTimeoutSeconds * 1000;
    let done = 0;
    while (nowMs() < deadline) {
      const row = await db
        .selectFrom("job_queue")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("job", "=", "notify.email")
        .where("done_at", "is not", null)
        .executeTakeFirstOrThrow();
      done = Number(row.n);
      if (done >= o.recipients) break;
      await sleep(500);
    }
    const drainSeconds = round((nowMs() - t0) / 1000, 1);
    const delivered = (await smtp.mails()).length;
    return {
      recipients: o.recipients,
      queuedMs,
      jobsDone: done,
      mailsDelivered: delivered,
      drainSeconds,
      mailsPerSecond: round(delivered / drainSeconds, 1),
      probeBefore: before && { delivered: before.delivered, sent: before.sent, latencyMs: before.latencyMs },
      probeDuringDrain: during && { delivered: during.delivered, sent: during.sent, latencyMs: during.latencyMs },
    };
  } finally {
    await server.stop();
    await smtp.destroy();
  }
}
