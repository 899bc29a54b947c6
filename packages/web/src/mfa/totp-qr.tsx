// SPDX-License-Identifier: AGPL-3.0-or-later
import qrcode from "qrcode-generator";
import { useMemo } from "react";

/**
 * The otpauth:// URI as a QR code for the authenticator app: an <img> with
 * a GIF data URL (the CSP allows img-src data:). qrcode-generator (MIT, no
 * dependencies) is loaded with this module only when someone enrols TOTP.
 * The secret stays on the page; nothing is fetched from elsewhere.
 */
export default function TotpQr({ uri, alt }: { uri: string; alt: string }) {
  const src = useMemo(() => {
    const code = qrcode(0, "M");
    code.addData(uri);
    code.make();
    return code.createDataURL(5, 4);
  }, [uri]);
  return <img className="totp-qr" src={src} alt={alt} width={220} height={220} />;
}
