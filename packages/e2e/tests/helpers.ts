// SPDX-License-Identifier: AGPL-3.0-or-later
import { startStack, type Stack, type StackOptions } from "../src/stack";

/** Every browser test runs against a real `obhut serve` (see src/stack.ts). */
export function startTestStack(options: StackOptions = {}): Promise<Stack> {
  return startStack(options);
}
