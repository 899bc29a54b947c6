// SPDX-License-Identifier: AGPL-3.0-or-later
// A real SMTP server for tests, run as a child process (test/helpers/smtp.ts):
// STARTTLS (or implicit TLS) with the certificate it is given, login required,
// each accepted message written whole to OUT_DIR as <n>.eml (first to a temp
// name, then renamed, so a reader never sees half a mail). Prints
// "listening <port>" once it accepts connections.
import fs from "node:fs";
import path from "node:path";
import { SMTPServer } from "smtp-server";

const { OUT_DIR, KEY_FILE, CERT_FILE, PORT = "0", SECURE = "false", SMTP_USER, SMTP_PASSWORD, NO_TLS } = process.env;
let count = 0;
const server = new SMTPServer({
  secure: SECURE === "true",
  // NO_TLS=true: a server that offers no STARTTLS (and accepts plaintext), to prove the client refuses it.
  ...(NO_TLS === "true" ? { disabledCommands: ["STARTTLS"], allowInsecureAuth: true } : {}),
  key: fs.readFileSync(KEY_FILE),
  cert: fs.readFileSync(CERT_FILE),
  // No login before TLS, and none at all without it.
  ...(NO_TLS === "true" ? {} : { allowInsecureAuth: false }),
  authMethods: ["PLAIN", "LOGIN"],
  onAuth(auth, _session, callback) {
    if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) callback(null, { user: auth.username });
    else callback(new Error("Invalid username or password"));
  },
  onMailFrom(_address, session, callback) {
    // Refuse any message that did not come over TLS.
    if (!session.secure && NO_TLS !== "true") return callback(new Error("TLS required"));
    callback();
  },
  onData(stream, _session, callback) {
    const chunks = [];
    stream.on("data", (c) => chunks.push(c));
    stream.on("end", () => {
      count += 1;
      // Named by arrival time, so mails sort in order across restarts of this process.
      const name = `${String(Date.now()).padStart(15, "0")}-${String(count).padStart(6, "0")}-${process.pid}.eml`;
      const tmp = path.join(OUT_DIR, `.${name}.tmp`);
      fs.writeFileSync(tmp, Buffer.concat(chunks));
      fs.renameSync(tmp, path.join(OUT_DIR, name));
      callback(null, "queued");
    });
  },
  logger: false,
});
server.on("error", (err) => process.stderr.write(`smtp error: ${err.message}\n`));
server.listen(Number(PORT), "127.0.0.1", () => {
  process.stdout.write(`listening ${server.server.address().port}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
