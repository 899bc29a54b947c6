// SPDX-License-Identifier: AGPL-3.0-or-later

/** What the setup form hands to the submit handler once its checks pass. */
export interface SetupInput {
  token: string;
  organisationName: string;
  username: string;
  /** Stays in the browser: OPAQUE registration derives everything from it. */
  password: string;
}

/**
 * The one injected step that completes setup (OPAQUE registration, key
 * creation, `POST /api/setup/finish`). It resolves on success and throws an
 * `ApiError` or `SetupUnavailableError` on failure.
 */
export type SetupSubmit = (input: SetupInput) => Promise<void>;

export class SetupUnavailableError extends Error {
  override readonly name = "SetupUnavailableError";
}

/** Placeholder until the OPAQUE registration flow lands. */
export const submitSetupUnavailable: SetupSubmit = async () => {
  throw new SetupUnavailableError("setup submission not implemented yet");
};
