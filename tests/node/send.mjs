#!/usr/bin/env node
// Sends one customer's journey to a ChurnActors host through the real Segment Node SDK
// (@segment/analytics-node), exactly as a customer's backend would.
//
//   node send.mjs --host http://127.0.0.1:5000 --write-key KEY --user U --anonymous A [--events N]
//
// Order of calls: page (anonymous), track "Product Viewed" (anonymous), identify (links A to U),
// then as U: any extra "Product Viewed" (when --events > 7), "Product Added", "Checkout Started",
// "Order Completed", "Order Refunded". Then closeAndFlush().
//
// Success: prints {"sent":N,"userId":...,"anonymousId":...,"failed":0} and exits 0.
// Any failed delivery (non-2xx answer after the SDK's retries, network error, flush timeout):
// prints the reasons to stderr, a summary line with "failed" > 0 to stdout, and exits 1.
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { Analytics } from '@segment/analytics-node';

const FIXED_EVENTS = 7;

const usage = `usage: node send.mjs --host URL --write-key KEY [--user ID] [--anonymous ID] [options]

  --host URL               base URL of the ChurnActors host, e.g. http://127.0.0.1:5000 (required)
  --write-key KEY          write key; the SDK sends it as HTTP Basic user name (required)
  --user ID                userId (default: random "node-user-...")
  --anonymous ID           anonymousId used before identify (default: random "node-anon-...")
  --events N               total events to send, at least ${FIXED_EVENTS} (default ${FIXED_EVENTS}); the
                           extra ones are "Product Viewed" tracks by the identified user
  --start ISO              timestamp of the first event; later ones are 1 s apart
                           (default: now minus N seconds, so no event is in the future)
  --message-id-prefix P    deterministic messageIds P-1 ... P-N (default: SDK-generated, unique)
  --flush-at N             events per HTTP batch (default: all of them, at most 100)
  --flush-interval MS      SDK flush timer in ms (default 50)
  --max-retries N          SDK retries per batch on 5xx/429/network errors (default 3)
  --timeout-ms MS          bound for closeAndFlush; unsent events then count as failed (default 30000)
  --verbose                log every HTTP request and response status to stderr
  --help                   show this text`;

function fail(message) {
  process.stderr.write(`send.mjs: ${message}\n`);
  process.exit(2);
}

function intOption(values, name, fallback, min) {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) fail(`--${name} must be an integer >= ${min}, got '${raw}'`);
  return n;
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      host: { type: 'string' },
      'write-key': { type: 'string' },
      user: { type: 'string' },
      anonymous: { type: 'string' },
      events: { type: 'string' },
      start: { type: 'string' },
      'message-id-prefix': { type: 'string' },
      'flush-at': { type: 'string' },
      'flush-interval': { type: 'string' },
      'max-retries': { type: 'string' },
      'timeout-ms': { type: 'string' },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (err) {
  fail(`${err.message}\n${usage}`);
}

if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
if (!values.host) fail(`--host is required\n${usage}`);
if (!values['write-key']) fail(`--write-key is required\n${usage}`);
try {
  new URL(values.host);
} catch {
  fail(`--host must be an absolute URL, got '${values.host}'`);
}

const host = values.host;
const writeKey = values['write-key'];
const userId = values.user ?? `node-user-${randomBytes(6).toString('hex')}`;
const anonymousId = values.anonymous ?? `node-anon-${randomBytes(6).toString('hex')}`;
const total = intOption(values, 'events', FIXED_EVENTS, FIXED_EVENTS);
const flushAt = intOption(values, 'flush-at', Math.min(total, 100), 1);
const flushInterval = intOption(values, 'flush-interval', 50, 1);
const maxRetries = intOption(values, 'max-retries', 3, 0);
const timeoutMs = intOption(values, 'timeout-ms', 30000, 1);
const messageIdPrefix = values['message-id-prefix'];
const verbose = values.verbose;

let startMs = Date.now() - total * 1000;
if (values.start !== undefined) {
  startMs = Date.parse(values.start);
  if (Number.isNaN(startMs)) fail(`--start must be an ISO-8601 timestamp, got '${values.start}'`);
}

// ---- the journey ---------------------------------------------------------------------------
const orderId = `o-${userId}-1`;
const product = { product_id: 'p-42', sku: 'BOOK-42', name: 'Actors in Practice', category: 'Books', price: 25.5 };
const quantity = 2;
const revenue = product.price * quantity;
const lineItems = [{ ...product, quantity }];

/** @type {{ method: 'page'|'track'|'identify', params: object }[]} */
const calls = [
  { method: 'page', params: { anonymousId, name: 'Home', properties: { path: '/', title: 'Home' } } },
  { method: 'track', params: { anonymousId, event: 'Product Viewed', properties: { ...product } } },
  {
    method: 'identify',
    params: {
      userId,
      anonymousId,
      traits: { email: `${userId}@example.test`, name: 'Node Harness', plan: 'free', createdAt: new Date(startMs).toISOString() },
    },
  },
];
for (let i = 0; i < total - FIXED_EVENTS; i++) {
  calls.push({
    method: 'track',
    params: { userId, event: 'Product Viewed', properties: { product_id: `p-extra-${i + 1}`, category: 'Books', price: 9.99 } },
  });
}
calls.push(
  { method: 'track', params: { userId, event: 'Product Added', properties: { ...product, quantity } } },
  {
    method: 'track',
    params: { userId, event: 'Checkout Started', properties: { order_id: orderId, value: revenue, revenue, currency: 'USD', products: lineItems } },
  },
  {
    method: 'track',
    params: {
      userId,
      event: 'Order Completed',
      properties: { order_id: orderId, revenue, total: revenue, currency: 'USD', products: lineItems },
    },
  },
  { method: 'track', params: { userId, event: 'Order Refunded', properties: { order_id: orderId, revenue } } },
);

calls.forEach((call, i) => {
  call.params.timestamp = new Date(startMs + i * 1000);
  if (messageIdPrefix !== undefined) call.params.messageId = `${messageIdPrefix}-${i + 1}`;
});

// ---- send ----------------------------------------------------------------------------------
const analytics = new Analytics({
  writeKey,
  host,
  path: '/v1/batch',
  flushAt,
  flushInterval,
  maxRetries,
  httpRequestTimeout: 10000,
});

const failures = [];
let delivered = 0;
let callbacks = 0;

analytics.on('error', (err) => {
  // Delivery failures also reach the per-call callback; record here only what has no callback.
  if (err?.code !== 'delivery_failure') {
    failures.push(`${err?.code ?? 'error'}: ${err?.reason?.message ?? String(err?.reason ?? err)}`);
  }
});
analytics.on('http_response', (res) => {
  if (verbose || res.status < 200 || res.status >= 300) {
    process.stderr.write(`send.mjs: POST ${res.url} -> ${res.status} ${res.statusText ?? ''}\n`);
  }
});
if (verbose) {
  analytics.on('http_request', (req) => {
    process.stderr.write(`send.mjs: POST ${req.url} (${JSON.parse(req.body).batch.length} events)\n`);
  });
}

for (const { method, params } of calls) {
  const label = method === 'track' ? `track "${params.event}"` : method;
  analytics[method](params, (err) => {
    callbacks++;
    if (err) {
      const cause = err?.cause ? ` (${err.cause.code ?? err.cause.message ?? err.cause})` : '';
      failures.push(`${label}: ${err?.message ?? String(err)}${cause}`);
    } else {
      delivered++;
    }
  });
}

await analytics.closeAndFlush({ timeout: timeoutMs });

if (callbacks < calls.length) {
  failures.push(`${calls.length - callbacks} call(s) never completed within ${timeoutMs} ms`);
}
const failed = Math.max(calls.length - delivered, failures.length > 0 ? 1 : 0);
const summary = { sent: delivered, userId, anonymousId, failed };
if (failed > 0) {
  for (const f of failures) process.stderr.write(`send.mjs: delivery failed: ${f}\n`);
  summary.errors = failures;
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  process.exit(1);
}
process.stdout.write(`${JSON.stringify(summary)}\n`);
process.exit(0);
