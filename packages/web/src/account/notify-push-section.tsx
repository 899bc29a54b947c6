// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PushSubscriptionsView } from "@obhut/protocol";
import { useEffect, useRef } from "react";
import { api as defaultApi, type ApiClient } from "../api/client";
import { useAction, useLoad } from "../api/use-action";
import { Section } from "../components/page";
import { useT } from "../i18n/use-t";
import { loadDeviceRecord } from "../keys/device-store";
import { useSession } from "../keys/use-session";
import { addMyPushSubscription, deleteMyPushSubscription, getMyPushSubscriptions } from "./notify-push-endpoints";

type Done = "enabled" | "removed";

/** A step that failed for a reason of the browser's, with a code the section explains. */
class PushStepError extends Error {
  constructor(readonly code: "denied" | "unsupported" | "serviceUnavailable") {
    super(code);
  }
}

function pushSupported(): boolean {
  return (
    typeof window !== "undefined" && "serviceWorker" in navigator && "PushManager" in window && "Notification" in window
  );
}

function bytes(base64url: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64url.replace(/-/g, "+").replace(/_/g, "/"));
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

/**
 * "Benachrichtigung auf diesem Gerät" on the account page (issue #17, ADR
 * 0038): what a push shows and never shows, who learns what, the switch —
 * offered only where this browser keeps the person's own device (a client's
 * "my own device" of this login, a staff member's remembered browser), never
 * on a shared one — and the subscribed devices, each removable.
 */
export default function NotifyPushSection({ staff, api = defaultApi }: { staff: boolean; api?: ApiClient }) {
  const { t, i18n } = useT();
  const session = useSession();
  const accountId = session?.account.id;
  const supported = pushSupported();
  const data = useLoad(
    async (signal) => {
      const [view, record] = await Promise.all([api.request(getMyPushSubscriptions, { signal }), loadDeviceRecord()]);
      // Own device: this account's kept device; for a client, the one kept at this login.
      const own = record && record.accountId === accountId && (staff || record.login === true);
      return { view, deviceId: own ? record.deviceId : null };
    },
    [api, accountId, staff],
  );
  const action = useAction(async (done: Done, step: () => Promise<PushSubscriptionsView>) => {
    const view = await step();
    if (data.kind === "ready") data.set({ ...data.value, view });
    return done;
  });
  const statusRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (action.error !== null || action.result) statusRef.current?.focus();
  }, [action.error, action.result]);

  const enable = (deviceId: string, publicKey: string) =>
    void action.run("enabled", async () => {
      if ((await Notification.requestPermission()) !== "granted") throw new PushStepError("denied");
      const registration = await navigator.serviceWorker.getRegistration("/");
      if (!registration) throw new PushStepError("unsupported");
      // The browser's own push service gives the subscription; without it (offline, blocked, headless) nothing works.
      const subscription = await registration.pushManager
        .getSubscription()
        .then(
          (existing) =>
            existing ??
            registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: bytes(publicKey) }),
        )
        .catch(() => {
          throw new PushStepError("serviceUnavailable");
        });
      const json = subscription.toJSON();
      return api.request(addMyPushSubscription, {
        body: {
          deviceId,
          endpoint: json.endpoint ?? "",
          keys: { p256dh: json.keys?.p256dh ?? "", auth: json.keys?.auth ?? "" },
        },
      });
    });
  const remove = (id: string) =>
    void action.run("removed", () => api.request(deleteMyPushSubscription, { params: { id } }));

  const date = (ms: number) => new Intl.DateTimeFormat(i18n.language, { dateStyle: "long" }).format(new Date(ms));
  const failure =
    action.error === null
      ? null
      : action.error === "denied" || action.error === "unsupported" || action.error === "serviceUnavailable"
        ? t(`notifyPush.${action.error}`)
        : t("notifyPush.failed", { code: action.error });

  return (
    <Section title={t("notifyPush.title")}>
      <p>{t(staff ? "notifyPush.staffWhat" : "notifyPush.what")}</p>
      <ul>
        <li>{t("notifyPush.points.content")}</li>
        <li>{t("notifyPush.points.service")}</li>
        <li>{t("notifyPush.points.ends")}</li>
      </ul>
      {data.kind === "failed" ? (
        <p className="notice notice--error">{t("notifyPush.loadFailed", { code: data.error })}</p>
      ) : data.kind === "ready" ? (
        <>
          {!data.value.view.available ? (
            <p className="notice">{t("noticeRules.pushOff")}</p>
          ) : !supported ? (
            <p className="notice">{t("notifyPush.unsupported")}</p>
          ) : data.value.deviceId === null ? (
            <p className="notice">{t(staff ? "notifyPush.staffSharedDevice" : "notifyPush.sharedDevice")}</p>
          ) : data.value.view.subscriptions.some((s) => s.thisLogin) ? null : (
            <p>
              <button
                type="button"
                className="button button--primary"
                aria-disabled={action.pending}
                onClick={() => enable(data.value.deviceId!, data.value.view.publicKey)}
              >
                {t("notifyPush.enable")}
              </button>
            </p>
          )}
          <h3>{t("notifyPush.listTitle")}</h3>
          {data.value.view.subscriptions.length === 0 ? (
            <p>{t("notifyPush.none")}</p>
          ) : (
            <ul>
              {data.value.view.subscriptions.map((s) => (
                <li key={s.id}>
                  {t("notifyPush.item", { service: s.service, date: date(s.createdAt) })}
                  {s.thisLogin ? ` (${t("notifyPush.thisLogin")})` : ""}{" "}
                  <button
                    type="button"
                    className="button"
                    aria-disabled={action.pending}
                    aria-label={t("notifyPush.removeLabel", { service: s.service, date: date(s.createdAt) })}
                    onClick={() => remove(s.id)}
                  >
                    {t("notifyPush.remove")}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
      <p
        ref={statusRef}
        tabIndex={-1}
        role={failure ? "alert" : "status"}
        className={failure ? "notice notice--error" : action.result ? "notice" : "visually-hidden"}
      >
        {failure ?? (action.result ? t(`notifyPush.${action.result}`) : "")}
      </p>
    </Section>
  );
}
