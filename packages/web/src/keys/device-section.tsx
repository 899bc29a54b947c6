// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useRef } from "react";
import { useAction, useLoad } from "../api/use-action";
import { useT } from "../i18n/use-t";
import { deviceStorageSupported } from "./device-presence";
import { deviceStatus, forgetOtherDevice, forgetThisDevice, rememberThisDevice } from "./remembered-device";
import { useSession } from "./use-session";

type Notice = "device.remembered" | "device.forgotten" | "device.failed";

/**
 * Staff account page: "keep my keys on this device" (opt-in, issue 3 item
 * 10) and the list of the account's remembered devices. A lazy chunk; clients
 * never load it and their keys are never kept.
 */
export default function DeviceSection() {
  const { t, i18n } = useT();
  const session = useSession();
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const accountId = session?.account.id;
  const supported = deviceStorageSupported();

  const data = useLoad(async () => (accountId && supported ? deviceStatus(accountId) : null), [accountId, supported]);
  const status = data.kind === "ready" ? data.value : null;
  // A failed reload shows no devices, as a failed first load does.
  const reload = () => data.reload().catch(() => data.set(null));
  const action = useAction((work: () => Promise<unknown>, done: Notice) => work().then(() => done));
  const busy = action.pending;
  const notice: Notice | null = action.error !== null ? "device.failed" : (action.result ?? null);

  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  if (!session || session.account.kind !== "staff") return null;

  /** Then the list again, whether it worked or not (unless another step was still running). */
  const act = async (work: () => Promise<unknown>, done: Notice) => {
    const outcome = await action.run(work, done);
    if (!("ignored" in outcome)) await reload();
  };

  const date = (ms: number) => new Intl.DateTimeFormat(i18n.language, { dateStyle: "long" }).format(new Date(ms));
  const remembered = status?.thisDeviceId != null;

  return (
    <section className="section" aria-labelledby="device-heading">
      <h2 id="device-heading">{t("device.heading")}</h2>
      <p>{t("device.explain")}</p>
      {!supported ? (
        <p className="notice">{t("device.unsupported")}</p>
      ) : (
        <>
          {notice ? (
            <p
              className={notice === "device.failed" ? "notice notice--error" : "notice"}
              role={notice === "device.failed" ? "alert" : "status"}
              tabIndex={-1}
              ref={noticeRef}
            >
              {t(notice)}
            </p>
          ) : null}
          <p data-device-remembered={remembered ? "true" : "false"}>
            {remembered ? t("device.stateOn") : t("device.stateOff")}
          </p>
          {remembered ? (
            <button
              type="button"
              className="button"
              aria-busy={busy}
              onClick={() => void act(() => forgetThisDevice(), "device.forgotten")}
            >
              {t("device.forget")}
            </button>
          ) : (
            <button
              type="button"
              className="button"
              aria-busy={busy}
              onClick={() => void act(() => rememberThisDevice(session), "device.remembered")}
            >
              {t("device.remember")}
            </button>
          )}
          {status && status.devices.length > 0 ? (
            <>
              <h3>{t("device.listTitle")}</h3>
              <ul className="device-list">
                {status.devices.map((device) => (
                  <li key={device.id}>
                    {device.id === status.thisDeviceId ? <strong>{t("device.thisDevice")}: </strong> : null}
                    {t("device.line", { created: date(device.createdAt), used: date(device.lastUsedAt) })}{" "}
                    {device.id === status.thisDeviceId ? null : (
                      <button
                        type="button"
                        className="button"
                        aria-label={t("device.forgetOtherLabel", { created: date(device.createdAt) })}
                        onClick={() => void act(() => forgetOtherDevice(device.id), "device.forgotten")}
                      >
                        {t("device.forgetOther")}
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}
    </section>
  );
}
