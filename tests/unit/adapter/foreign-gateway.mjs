// A small payment gateway with conventions of its own, written for gatecheck's end-to-end adapter
// test: an INI config (argv[2]), `POST /api/charges` answering 200 on a capture, its own error body
// and codes, `/healthz` keyed by processor name, and its own metric names. It integrates Stripe only.
// It is wired to gatecheck by a gatecheck.config.json alone (tests/unit/adapter/e2e.spec.ts).
import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { createServer as createHttpServer } from 'node:http';

function readIni(text) {
  const sections = {};
  let current = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) { current = sections[header[1]] = {}; continue; }
    const [key, ...rest] = line.split('=');
    current[key.trim()] = rest.join('=').trim();
  }
  return sections;
}

const ini = readIni(readFileSync(process.argv[2], 'utf8'));
const psps = Object.entries(ini).filter(([name]) => name.startsWith('psp ')).map(([name, s]) => ({ name: name.slice(4), ...s }));
for (const psp of psps) {
  try { psp.caPem = readFileSync(psp.ca); } catch { console.error(`BOOT_FAIL E_CA_MISSING ${psp.name}`); process.exit(3); }
}

const state = new Map(psps.map((p) => [p.name, { ok: null, last_failure: null }]));
const errors = new Map();
const OWN_CODES = { CERT_HAS_EXPIRED: 'CERT_EXPIRED', ERR_TLS_CERT_ALTNAME_INVALID: 'HOST_MISMATCH' };

function charge(psp, input, key) {
  const form = new URLSearchParams({
    amount: String(input.amount_cents), currency: input.currency.toLowerCase(), confirm: 'true',
    'payment_method_data[type]': 'card', 'payment_method_data[card][number]': input.card_number,
    'payment_method_data[card][exp_month]': '12', 'payment_method_data[card][exp_year]': '2030',
    'payment_method_data[card][cvc]': '123', 'metadata[reference]': input.order_id,
  }).toString();
  const url = new URL('/v1/payment_intents', psp.url);
  return new Promise((resolve) => {
    const req = httpsRequest(url, {
      method: 'POST', ca: psp.caPem, servername: psp.servername, minVersion: psp.tls_min, maxVersion: psp.tls_max, agent: false,
      headers: { authorization: `Bearer ${psp.secret}`, 'idempotency-key': key, 'content-type': 'application/x-www-form-urlencoded' },
      timeout: Number(psp.timeout_ms),
    }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve(res.statusCode === 200 ? { ok: true, id: JSON.parse(body).id } : { ok: false, reason: res.statusCode === 402 ? 'DECLINED' : 'PSP_ERROR' }));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', (error) => resolve({ ok: false, reason: OWN_CODES[error.code] ?? (error.code?.startsWith('ERR_TLS') || /CERT|SELF_SIGNED|ISSUER/.test(error.code ?? '') ? 'TLS_FAILURE' : 'NETWORK') }));
    req.end(form);
  });
}

const send = (res, status, body, type = 'application/json') => { res.writeHead(status, { 'content-type': type }); res.end(typeof body === 'string' ? body : JSON.stringify(body)); };

const server = createHttpServer(async (req, res) => {
  let body = '';
  for await (const chunk of req) body += chunk;
  if (req.method === 'GET' && req.url === '/healthz') return send(res, 200, { psps: Object.fromEntries(state) });
  if (req.method === 'GET' && req.url === '/prometheus') {
    const lines = ['# TYPE shop_psp_errors_total counter'];
    for (const [labels, n] of errors) lines.push(`shop_psp_errors_total{${labels}} ${n}`);
    return send(res, 200, lines.join('\n') + '\n', 'text/plain');
  }
  if (req.method === 'POST' && req.url === '/api/charges') {
    const psp = psps[0];
    const result = await charge(psp, JSON.parse(body), req.headers['x-request-id']);
    if (result.ok) {
      state.set(psp.name, { ok: true, last_failure: null });
      return send(res, 200, { charge: { id: result.id, state: 'captured' } });
    }
    if (result.reason !== 'DECLINED') state.set(psp.name, { ok: false, last_failure: result.reason });
    const labels = `psp="${psp.name}",reason="${result.reason}"`;
    errors.set(labels, (errors.get(labels) ?? 0) + 1);
    console.log(`charge failed: ${result.reason} (${psp.name})`);
    return send(res, result.reason === 'DECLINED' ? 402 : 502, { ok: false, failure: { reason: result.reason } });
  }
  send(res, 404, { ok: false, failure: { reason: 'NOT_FOUND' } });
});
server.listen(Number(ini.server.port), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
