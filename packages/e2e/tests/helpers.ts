// SPDX-License-Identifier: AGPL-3.0-or-later
import { existsSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT, startStack, type Stack, type StackOptions } from "../src/stack";

/** Every browser test runs against a real `obhut serve` (see src/stack.ts). */
export function startTestStack(options: StackOptions = {}): Promise<Stack> {
  if (!existsSync(join(REPO_ROOT, "packages/web/dist/index.html"))) {
    throw new Error("packages/web/dist is missing: run `npm run build -w @obhut/web` before the browser tests");
  }
  return startStack(options);
}
