// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  type AccountKeys,
  constantTimeEqual,
  CryptoError,
  decryptPrivateKeys,
  encryptPrivateKeys,
  finishLogin,
  finishRegistration,
  fromBase64Url,
  isCryptoError,
  randomBytes,
  recoveryCodeEntropy,
  rewrapKeyBundleForExportKey,
  signRecoveryChallenge,
  startLogin,
  startRegistration,
  toBase64Url,
  unwrapMasterKeyWithRecoveryCode,
  wrapMasterKeyWithExportKey,
  wrapMasterKeyWithRecoveryCode,
} from "@obhut/crypto";
import type { KeyBundle } from "@obhut/protocol";
import { api as defaultApi } from "../api/client";
import {
  passwordChangeFinish,
  passwordChangeStart,
  putRecoveryWrap,
  recoveryFinish,
  recoveryRegisterStart,
  recoveryStart,
} from "../api/endpoints";
import { wipeKeys, type AccountSession } from "../keys/session-store";
import { AuthFlowError, toAuthFlowError } from "./auth-error";
import { logIn, type AuthDeps } from "./flows";

/**
 * The three ways a person changes the secrets that open their keys, all with
 * the same identity keys (so the whole history stays readable):
 * - `recoverAccount`: password forgotten, recovery code kept (not logged in);
 * - `changePassword`: logged in, proves the current password;
 * - `replaceRecoveryCode`: logged in, a new code replaces the old one.
 * The server sees neither password nor code (docs/CRYPTO.md §3, PROTOCOL.md "Recovery").
 */

/** A code that cannot be a recovery code (a typo the checksum caught): said before anything is sent. */
export function recoveryCodeLooksValid(code: string): boolean {
  try {
    recoveryCodeEntropy(code);
    return true;
  } catch {
    return false;
  }
}

/**
 * Recovery: the server hands out the recovery wrap and the encrypted keys
 * (decoys for unknown names, so both look alike); the code opens them here,
 * the signature over the challenge proves it, and a new OPAQUE registration
 * replaces the password. Then an ordinary login puts the keys in memory.
 * A wrong code and an unknown name end alike in `wrong_recovery`; the failure
 * is still reported to the server (a proof of the usual size) so it counts
 * against the rate limit, as a wrong password does at login.
 */
export async function recoverAccount(
  props: { username: string; recoveryCode: string; newPassword: string },
  deps: AuthDeps = {},
): Promise<AccountSession> {
  const api = deps.api ?? defaultApi;
  const step = deps.onStep ?? (() => {});
  if (!recoveryCodeLooksValid(props.recoveryCode)) throw new AuthFlowError("recovery_typo");
  step("restore");
  const start = await api.request(recoveryStart, { body: { username: props.username } }).catch((error: unknown) => {
    throw toAuthFlowError(error);
  });
  const stored: KeyBundle = {
    version: 1,
    signingPublicKey: start.signingPublicKey,
    encryptionPublicKey: start.encryptionPublicKey,
    encryptedPrivateKeys: start.encryptedPrivateKeys,
    masterWrapExport: toBase64Url(randomBytes(76)),
    masterWrapRecovery: start.masterWrapRecovery,
  };

  let keys: AccountKeys;
  try {
    const masterKey = await unwrapMasterKeyWithRecoveryCode(
      fromBase64Url(start.masterWrapRecovery),
      props.recoveryCode,
    );
    keys = await decryptPrivateKeys(masterKey, fromBase64Url(start.encryptedPrivateKeys), {
      signingPublicKey: fromBase64Url(start.signingPublicKey),
      encryptionPublicKey: fromBase64Url(start.encryptionPublicKey),
    });
  } catch (error) {
    if (!isCryptoError(error)) throw toAuthFlowError(error);
    const failed = { recoveryId: start.recoveryId, signature: toBase64Url(randomBytes(64)) };
    await api
      .request(recoveryFinish, {
        body: { ...failed, registrationRecord: toBase64Url(randomBytes(64)), keyBundle: stored },
      })
      .catch(() => {});
    throw new AuthFlowError("wrong_recovery", { cause: error });
  }

  let exportKey: Uint8Array | undefined;
  try {
    const signature = signRecoveryChallenge(fromBase64Url(start.challenge), keys.signing.secretKey);
    step("password");
    const registration = await startRegistration(props.newPassword);
    const { registrationResponse } = await api.request(recoveryRegisterStart, {
      body: { recoveryId: start.recoveryId, registrationRequest: registration.request },
    });
    const finished = await finishRegistration({
      password: props.newPassword,
      state: registration.state,
      response: registrationResponse,
    });
    exportKey = finished.exportKey;
    const keyBundle = await rewrapKeyBundleForExportKey(stored, keys.masterKey, exportKey);
    step("save");
    await api.request(recoveryFinish, {
      body: {
        recoveryId: start.recoveryId,
        signature: toBase64Url(signature),
        registrationRecord: finished.record,
        keyBundle,
      },
    });
  } catch (error) {
    const failure = toAuthFlowError(error);
    // The proof was right by construction; a refusal here means the attempt expired or the server refused it.
    throw failure.reason === "wrong_credentials" ? new AuthFlowError("wrong_recovery", { cause: error }) : failure;
  } finally {
    exportKey?.fill(0);
    wipeKeys(keys);
  }
  return logIn({ username: props.username, password: props.newPassword }, deps);
}

/**
 * Password change: an OPAQUE login with the current password and the
 * registration of the new one in one exchange; the master key (in memory
 * since login) is wrapped under the new export key. The server keeps the
 * recovery wrap and ends the account's other sessions. A wrong current
 * password still sends a proof of the usual size, so it is counted.
 */
export async function changePassword(
  props: { session: AccountSession; currentPassword: string; newPassword: string },
  deps: AuthDeps = {},
): Promise<{ endedSessions: number }> {
  const api = deps.api ?? defaultApi;
  const step = deps.onStep ?? (() => {});
  const { keys } = props.session;
  let newExportKey: Uint8Array | undefined;
  try {
    step("password");
    const login = await startLogin(props.currentPassword);
    const registration = await startRegistration(props.newPassword);
    const started = await api.request(passwordChangeStart, {
      body: { startLoginRequest: login.request, registrationRequest: registration.request },
    });
    const registered = await finishRegistration({
      password: props.newPassword,
      state: registration.state,
      response: started.registrationResponse,
    });
    newExportKey = registered.exportKey;
    const keyBundle: KeyBundle = {
      version: 1,
      signingPublicKey: toBase64Url(keys.signing.publicKey),
      encryptionPublicKey: toBase64Url(keys.encryption.publicKey),
      encryptedPrivateKeys: toBase64Url(await encryptPrivateKeys(keys)),
      masterWrapExport: toBase64Url(await wrapMasterKeyWithExportKey(keys.masterKey, newExportKey)),
      // No recovery wrap: the server keeps the stored one (it opens the same master key).
    };
    let finishLoginRequest: string;
    let wrongPassword = false;
    try {
      const proved = await finishLogin({
        password: props.currentPassword,
        state: login.state,
        response: started.loginResponse,
      });
      proved.exportKey.fill(0);
      finishLoginRequest = proved.finishRequest;
    } catch (error) {
      if (!isCryptoError(error, "auth_failed")) throw error;
      finishLoginRequest = toBase64Url(randomBytes(64));
      wrongPassword = true;
    }
    step("save");
    const done = await api
      .request(passwordChangeFinish, {
        body: { changeId: started.changeId, finishLoginRequest, registrationRecord: registered.record, keyBundle },
      })
      .catch((error: unknown) => {
        if (wrongPassword) throw new AuthFlowError("wrong_credentials", { cause: error });
        throw error;
      });
    if (wrongPassword) throw new AuthFlowError("wrong_credentials");
    return { endedSessions: done.endedSessions };
  } catch (error) {
    throw toAuthFlowError(error);
  } finally {
    newExportKey?.fill(0);
  }
}

/**
 * A new recovery code: the master key is wrapped under Argon2id of the new
 * code and replaces the stored wrap, so the old code opens nothing any more.
 * The wrap is checked to open again before it is sent (fails closed).
 */
export async function replaceRecoveryCode(
  props: { session: AccountSession; recoveryCode: string },
  deps: AuthDeps = {},
): Promise<void> {
  const api = deps.api ?? defaultApi;
  const step = deps.onStep ?? (() => {});
  try {
    step("recovery");
    const { masterKey } = props.session.keys;
    const wrap = await wrapMasterKeyWithRecoveryCode(masterKey, props.recoveryCode, deps.argon2Params);
    step("check");
    const reopened = await unwrapMasterKeyWithRecoveryCode(wrap, props.recoveryCode);
    const same = constantTimeEqual(reopened, masterKey);
    reopened.fill(0);
    if (!same) throw new CryptoError("decrypt_failed", "the new recovery wrap does not open to the master key");
    step("save");
    await api.request(putRecoveryWrap, { body: { masterWrapRecovery: toBase64Url(wrap) } });
  } catch (error) {
    throw toAuthFlowError(error);
  }
}
