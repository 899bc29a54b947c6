#!/usr/bin/env node
// SPDX-License-Identifier: AGPL-3.0-or-later
// Entry point of `npm run bench:xmpp`: the messaging workloads against Prosody or ejabberd (bench/xmpp/main.ts).
import { register } from "tsx/esm/api";

register();
// @xmpp/client can reject an internal promise after a connection was given up (ECONNRESET on a stream we
// already abandoned); count it in the workload's errors, don't end the run.
process.on("unhandledRejection", (e) => process.stderr.write(`unhandled: ${String(e)}\n`));
const { main } = await import("../bench/xmpp/main.ts");
process.exitCode = await main(process.argv.slice(2));
// @xmpp/client keeps timers (reconnect, ping) that are not ours to wait for.
process.exit();
