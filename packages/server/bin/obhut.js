#!/usr/bin/env node
// SPDX-License-Identifier: AGPL-3.0-or-later
// Entry point of the `obhut` command. The server runs its TypeScript sources
// through tsx's loader (see docs/adr/0002-run-typescript-with-tsx.md).
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
