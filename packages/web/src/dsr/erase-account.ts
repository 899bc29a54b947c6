// SPDX-License-Identifier: AGPL-3.0-or-later
import { finishLogin, isCryptoError, randomBytes, startLogin, toBase64Url } from "@obhut/crypto";
import type { ApiClient } from "../api/client";
import { deletionFinish, deletionStart } from "./endpoints";

/**
 * Erases the client's account: the password is proved with OPAQUE, as at
 * login, and `name` must be the account name. A wrong password is an answer,
 * not a failure; anything else the server refuses throws.
 */
export async function eraseAccount({
  api,
  password,
  name,
  username,
}: {
  api: ApiClient;
  password: string;
  name: string;
  username: string;
}): Promise<"deleted" | "wrong-password"> {
  const start = await startLogin(password);
  const { deletionId, loginResponse } = await api.request(deletionStart, {
    body: { startLoginRequest: start.request },
  });
  let finishLoginRequest: string;
  try {
    finishLoginRequest = (await finishLogin({ password, state: start.state, response: loginResponse })).finishRequest;
  } catch (error) {
    if (!isCryptoError(error, "auth_failed")) throw error;
    // As at login: still finish with a proof of the usual size, so the server counts the failure.
    await api
      .request(deletionFinish, {
        body: { deletionId, finishLoginRequest: toBase64Url(randomBytes(64)), username },
      })
      .catch(() => {});
    return "wrong-password";
  }
  await api.request(deletionFinish, { body: { deletionId, finishLoginRequest, username: name.trim() } });
  return "deleted";
}
