-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Benchmark-only Prosody configuration, filled in by bench/xmpp/servers.ts (never /etc/prosody).
-- Loopback only, no TLS (the Obhut bench is plain HTTP/WS on loopback too), MAM in SQLite.
run_as_root = true -- the bench may run as root on a throwaway machine; it never binds outside 127.0.0.1
pidfile = "{{DIR}}/prosody.pid"
certificates = "{{DIR}}" -- none: no TLS
data_path = "{{DIR}}/data"
log = { warn = "{{DIR}}/prosody.log", error = "*stderr" }
interfaces = { "127.0.0.1" }
c2s_ports = { {{C2S_PORT}} }
c2s_interfaces = { "127.0.0.1" }
s2s_ports = { }
component_ports = { }
http_ports = { }
https_ports = { }
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
authentication = "internal_hashed"
storage = "sql"
sql = { driver = "SQLite3", database = "prosody.sqlite" }
-- Durability: each archive write is its own SQLite transaction; Prosody sets no PRAGMA, so SQLite's
-- synchronous=FULL applies (fsync per commit). The bench creates the file in WAL mode first, like Obhut's
-- (--journal default leaves it to Prosody: rollback journal).
modules_enabled = {
  "roster"; "saslauth"; "disco"; "ping"; "register"; "mam";
}
modules_disabled = { "s2s"; "offline"; "tls"; "carbons"; "smacks"; }
allow_registration = true
registration_whitelist = { "127.0.0.1" }
whitelist_registration_only = false
min_seconds_between_registrations = 0
registration_throttle_max = 100000
-- Archive every one-to-one message (the Obhut server stores every message as well).
default_archive_policy = true
archive_expires_after = "never"
max_archive_query_results = 1000
-- No traffic shaping: the bench measures the server, not its rate limiter.
limits = { c2s = { rate = "100mb/s"; burst = "10s" } }
c2s_stanza_size_limit = 1048576
-- TCP_NODELAY, as the Obhut server's WebSocket library sets it (Nagle + delayed ACK adds ~40 ms otherwise).
network_settings = { nagle = false }

VirtualHost "localhost"

Component "muc.localhost" "muc"
  modules_enabled = { "muc_mam" }
  muc_log_by_default = true
  muc_log_all_rooms = true
  max_history_messages = 0
  muc_room_default_history_length = 0
  muc_room_locking = false
  muc_tombstones = false
  -- Like an Obhut group: occupants do not get each other's presence (only the room owner's).
  muc_room_default_presence_broadcast = { moderator = true; participant = false; visitor = false }
