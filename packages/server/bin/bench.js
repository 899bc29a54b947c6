#!/usr/bin/env node
// SPDX-License-Identifier: AGPL-3.0-or-later
// Entry point of `npm run bench`: runs the messaging benchmark (bench/main.ts) through tsx, like bin/obhut.js.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../bench/main.ts");
process.exitCode = await main(process.argv.slice(2));
