// SPDX-License-Identifier: AGPL-3.0-or-later
import { fingerprint } from "@obhut/crypto";
import type { CreateRebindCode } from "@obhut/protocol";
import type { Endpoint } from "../api/client";
import { useAction } from "../api/use-action";
import { useT } from "../i18n/use-t";
import type { AccountSession } from "../keys/session-store";
import { messagingFor } from "../messaging/session";

const createRebindCode: Endpoint<typeof CreateRebindCode> = { method: "POST", path: "/api/account/rebind-code" };

/**
 * "I lost access to an earlier conversation" (issue 3, item 8): a one-time
 * code and this account's fingerprint, read out to the counsellor by phone
 * or in person, who then re-binds the earlier case to this account
 * (docs/CRYPTO.md, "Case re-binding").
 */
export function RebindCodeSection({ session }: { session: AccountSession }) {
  const { t } = useT();
  const create = useAction(async () => (await messagingFor(session).api.request(createRebindCode, {})).code);
  const code = create.result ?? null;
  const busy = create.pending;
  const failed = create.error !== null;

  return (
    <section aria-labelledby="rebind-code-title" className="rebind-code">
      <h2 id="rebind-code-title">{t("rebindCode.title")}</h2>
      <p>{t("rebindCode.lead")}</p>
      {failed ? (
        <p className="notice notice--error" role="alert">
          {t("rebindCode.failed")}
        </p>
      ) : null}
      {code ? (
        <dl>
          <dt>{t("rebindCode.code")}</dt>
          <dd>
            <code data-testid="rebind-code">{code}</code>
          </dd>
          <dt>{t("rebindCode.fingerprint")}</dt>
          <dd>
            <code data-testid="rebind-fingerprint">{fingerprint(session.keys.signing.publicKey, "signing")}</code>
          </dd>
        </dl>
      ) : (
        <p>
          <button type="button" className="button" aria-disabled={busy} onClick={() => void create.run()}>
            {busy ? t("rebindCode.creating") : t("rebindCode.create")}
          </button>
        </p>
      )}
    </section>
  );
}
