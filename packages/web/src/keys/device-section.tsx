// SPDX-License-Identifier: AGPL-3.0-or-later
import { useCallback, useEffect, useRef, useState } from "react";
import { useT } from "../i18n/use-t";
import { deviceStorageSupported } from "./device-presence";
import {
  deviceStatus,
  forgetOtherDevice,
  forgetThisDevice,
  rememberThisDevice,
  type DeviceStatus,
} from "./remembered-device";
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
  const [status, setStatus] = useState<DeviceStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const accountId = session?.account.id;
  const supported = deviceStorageSupported();

  const load = useCallback(async () => {
    if (!accountId || !supported) return;
    try {
      setStatus(await deviceStatus(accountId));
    } catch {
      setStatus(null);
    }
  }, [accountId, supported]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  if (!session || session.account.kind !== "staff") return null;

  const act = async (work: () => Promise<unknown>, done: Notice) => {
    if (busy) return;
    setBusy(true);
    setNotice(null);
    try {
      await work();
      setNotice(done);
    } catch {
      setNotice("device.failed");
    } finally {
      setBusy(false);
      await load();
    }
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
