// SPDX-License-Identifier: AGPL-3.0-or-later

/** A command's refusal: main.ts prints the message and exits non-zero, without a stack trace. */
export class CliError extends Error {
  override name = "CliError";
}
