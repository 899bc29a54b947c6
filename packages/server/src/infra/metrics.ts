// SPDX-License-Identifier: AGPL-3.0-or-later
import client from "prom-client";

/** Prometheus metrics of one process. A fresh registry per app keeps tests independent. */
export function createMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "obhut_" });
  const httpDuration = new client.Histogram({
    name: "obhut_http_request_duration_seconds",
    help: "HTTP request latency by route pattern and status",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const dbQueryDuration = new client.Histogram({
    name: "obhut_db_query_duration_seconds",
    help: "Database query latency",
    labelNames: ["outcome"] as const,
    buckets: [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1],
    registers: [registry],
  });
  const websocketsOpen = new client.Gauge({
    name: "obhut_websockets_open",
    help: "Open WebSocket connections on this node",
    registers: [registry],
  });
  const messagesStored = new client.Counter({
    name: "obhut_messages_stored_total",
    help: "Message envelopes durably stored",
    registers: [registry],
  });
  const sendsRefusedOverload = new client.Counter({
    name: "obhut_sends_refused_overload_total",
    help: "Sends refused at once because this node was behind with storing messages (admission control)",
    registers: [registry],
  });
  const sendQueueLength = new client.Gauge({
    name: "obhut_send_queue_length",
    help: "Sends waiting for their transaction on this node (not counting the batch being committed)",
    registers: [registry],
  });
  const messagesDelivered = new client.Counter({
    name: "obhut_messages_delivered_total",
    help: "Message envelopes delivered to connected clients",
    registers: [registry],
  });
  const jobRuns = new client.Counter({
    name: "obhut_job_runs_total",
    help: "Background job runs by job and outcome",
    labelNames: ["job", "status"] as const,
    registers: [registry],
  });
  const notices = new client.Counter({
    name: "obhut_notices_total",
    help: "Content-free notices by channel and outcome (sent, or why none was sent)",
    labelNames: ["channel", "outcome"] as const,
    registers: [registry],
  });
  const busEvents = new client.Counter({
    name: "obhut_bus_events_total",
    help: "Events published and delivered on the event bus",
    labelNames: ["direction"] as const,
    registers: [registry],
  });
  const rateLimited = new client.Counter({
    name: "obhut_rate_limited_total",
    help: "Requests answered with 429, by rate class",
    labelNames: ["class"] as const,
    registers: [registry],
  });
  const loginRefused = new client.Counter({
    name: "obhut_login_refused_total",
    help: "Login attempts refused by the per-name failure budget, by the budget that was spent",
    labelNames: ["budget"] as const,
    registers: [registry],
  });
  const loginFailuresSustained = new client.Counter({
    name: "obhut_login_failures_sustained_total",
    help: "Login names that reached the sustained-failure threshold in a window (at most once per name and window)",
    labelNames: ["kind"] as const,
    registers: [registry],
  });
  const storageRefused = new client.Counter({
    name: "obhut_storage_quota_refused_total",
    help: "Attachment uploads refused by a storage quota, by scope (account, organisation, instance)",
    labelNames: ["scope"] as const,
    registers: [registry],
  });
  const storageThresholds = new client.Counter({
    name: "obhut_storage_threshold_crossed_total",
    help: "Organisations whose attachment storage crossed 80 or 100 percent of their cap (once per crossing)",
    labelNames: ["percent"] as const,
    registers: [registry],
  });
  return {
    registry,
    httpDuration,
    dbQueryDuration,
    websocketsOpen,
    messagesStored,
    sendsRefusedOverload,
    sendQueueLength,
    messagesDelivered,
    jobRuns,
    notices,
    busEvents,
    rateLimited,
    storageRefused,
    storageThresholds,
    loginRefused,
    loginFailuresSustained,
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
