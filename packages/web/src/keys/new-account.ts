// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  type AccountKeys,
  type Argon2idParams,
  type KeyBundle,
  type OrgPin,
  CryptoError,
  constantTimeEqual,
  createAccountKeys,
  createKeyBundle,
  finishRegistration,
  restoreAccountKeys,
  startRegistration,
} from "@obhut/crypto";
import { wipeKeys } from "./session-store";

/** The steps of creating an account that the pages announce to the user. */
export type NewAccountStep = "password" | "keys" | "recovery";

export interface NewAccount {
  /** OPAQUE registration record for the server. */
  record: string;
  /** Wipe after use (`fill(0)`), like `keys`. */
  exportKey: Uint8Array;
  keys: AccountKeys;
  keyBundle: KeyBundle;
}

/**
 * What client sign-up, organisation setup and staff invitations share: OPAQUE
 * registration through the caller's endpoint, fresh account keys, and the key
 * bundle (master key wrapped under the export key and, if given, under the
 * recovery code). On failure everything created so far is wiped; on success
 * the caller owns — and wipes — the returned keys.
 */
export async function createNewAccount(props: {
  password: string;
  recoveryCode?: string | undefined;
  /** Sends the OPAQUE registration request to the flow's endpoint; returns the response. */
  requestRegistration: (registrationRequest: string) => Promise<string>;
  onStep: (step: NewAccountStep) => void;
  argon2Params?: Argon2idParams | undefined;
  /** Client sign-up from an agency's page: that organisation, pinned from the start (ADR 0030). */
  orgPins?: readonly OrgPin[] | undefined;
}): Promise<NewAccount> {
  let exportKey: Uint8Array | undefined;
  let keys: AccountKeys | undefined;
  try {
    props.onStep("password");
    const registration = await startRegistration(props.password);
    const registrationResponse = await props.requestRegistration(registration.request);
    const finished = await finishRegistration({
      password: props.password,
      state: registration.state,
      response: registrationResponse,
    });
    exportKey = finished.exportKey;

    props.onStep("keys");
    keys = createAccountKeys();
    if (props.recoveryCode !== undefined) props.onStep("recovery");
    const keyBundle = await createKeyBundle({
      keys,
      exportKey,
      ...(props.recoveryCode !== undefined ? { recoveryCode: props.recoveryCode } : {}),
      ...(props.argon2Params ? { argon2Params: props.argon2Params } : {}),
      ...(props.orgPins ? { orgPins: props.orgPins } : {}),
    });
    return { record: finished.record, exportKey, keys, keyBundle };
  } catch (error) {
    exportKey?.fill(0);
    if (keys) wipeKeys(keys);
    throw error;
  }
}

/**
 * Fails closed before anything is sent: the bundle must open again with the
 * export key (and the recovery code, if one was used) to the same key pairs.
 */
export async function expectBundleOpens(
  account: Pick<NewAccount, "keys" | "keyBundle" | "exportKey">,
  recoveryCode?: string | undefined,
): Promise<void> {
  await expectSameKeys(account.keys, await restoreAccountKeys(account.keyBundle, { exportKey: account.exportKey }));
  if (recoveryCode !== undefined) {
    await expectSameKeys(account.keys, await restoreAccountKeys(account.keyBundle, { recoveryCode }));
  }
}

/** Compares public keys and wipes the restored copy; throws if they differ. */
async function expectSameKeys(created: AccountKeys, restored: AccountKeys): Promise<void> {
  const same =
    constantTimeEqual(created.signing.publicKey, restored.signing.publicKey) &&
    constantTimeEqual(created.encryption.publicKey, restored.encryption.publicKey);
  wipeKeys(restored);
  if (!same) throw new CryptoError("bad_format", "the key bundle does not open to the keys just created");
}
