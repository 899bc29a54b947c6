// SPDX-License-Identifier: AGPL-3.0-or-later
import qrcode from "qrcode-generator";
import { useMemo } from "react";

/**
 * A QR code as an <img> with a GIF data URL (qrcode-generator, MIT, no
 * dependencies). Loaded lazily by the agency page: most visitors never ask
 * for it, so it stays out of the initial bundle.
 */
export default function QrCode({ text, alt }: { text: string; alt: string }) {
  const src = useMemo(() => {
    const code = qrcode(0, "M");
    code.addData(text);
    code.make();
    return code.createDataURL(6, 4);
  }, [text]);
  return <img className="qr-code" src={src} alt={alt} width={240} height={240} />;
}
