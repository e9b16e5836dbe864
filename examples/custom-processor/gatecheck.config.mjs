// gatecheck.config.mjs: a team whose gateway integrates "mobile-money", a mobile-money API that
// gatecheck does not ship. Its behaviour is written as mockttp rules; gatecheck serves them behind
// its TLS front, so every tls, mtls and network scenario applies to it, plus the two HTTP-level
// scenarios below (ids `mobile-money/http.insufficient-balance`, `mobile-money/http.unavailable-then-ok`).

/** The credentials the gateway is given (test values, never real ones). */
const API_KEY = 'mm_test_key_5d1c0a';
const TOKEN = 'mm_test_token_9f2b77e1';
const TRANSFERS = '/mm/v2/transfers';

/** Its error shape: { error: { code, message, reason? } }. */
const error = (code, message, reason) => ({ error: { code, message, ...(reason ? { reason } : {}) } });

/** Refuses a request without both credentials, as the real API does (401 in its own error shape). */
async function refuseUnauthenticated(server) {
  await server.forAnyRequest().always().thenJson(401, error('UNAUTHORISED', 'x-api-key and a bearer token are required'));
}

/** Matches an authenticated transfer. */
const transfer = (server) => server.forPost(TRANSFERS).withHeaders({ 'x-api-key': API_KEY, authorization: `Bearer ${TOKEN}` });

/** Approves every authenticated transfer; the same X-Reference-Id gets the same transaction back. */
async function approveTransfers(server) {
  const byKey = new Map();
  await transfer(server).always().thenCallback(async (request) => {
    const key = request.headers['x-reference-id'];
    if (!key) return { statusCode: 400, json: error('MISSING_REFERENCE_ID', 'X-Reference-Id is required') };
    const body = await request.body.getJson();
    if (!body || typeof body.amount?.value !== 'number' || !body.payer?.msisdn) return { statusCode: 400, json: error('INVALID_REQUEST', 'amount.value and payer.msisdn are required') };
    if (!byKey.has(key)) byKey.set(key, { transactionId: `mm-${byKey.size + 1}`, status: 'SUCCESSFUL', amount: body.amount });
    return { statusCode: 201, json: byKey.get(key) };
  });
}

export default {
  processors: [
    {
      name: 'mobile-money',
      custom: {
        basePath: '/mm/v2',
        auth: [
          { scheme: 'api-key', header: 'x-api-key', key: API_KEY },
          { scheme: 'bearer', token: TOKEN },
        ],
        payment: {
          path: '/transfers',
          body: { amount: { value: '{amount}', currency: '{currency}' }, payer: { msisdn: '{source}' }, externalId: '{reference}' },
          idempotencyHeader: 'x-reference-id',
        },
        answers: { approved: [201], declined: [402], reference: '/transactionId', declineReason: '/error/reason', errorMessage: '/error/message' },
        async rules(server) {
          await approveTransfers(server);
          await refuseUnauthenticated(server);
        },
        scenarios: [
          {
            name: 'insufficient-balance',
            title: 'The payer wallet has too little balance: a decline, never retried',
            basis: 'Mobile-money APIs answer 402 with an insufficient-balance reason when the wallet cannot cover the transfer.',
            async rules(server) {
              await transfer(server).always().thenJson(402, error('PAYER_LIMIT_REACHED', 'The payer wallet cannot cover this transfer', 'insufficient balance'));
              await refuseUnauthenticated(server);
            },
            expect: { outcome: 'rejected', code: 'PAYMENT_DECLINED' },
          },
          {
            name: 'unavailable-then-ok',
            title: 'One 503 with Retry-After, then the transfer on the retry',
            basis: 'Mobile-money platforms shed load with 503 and Retry-After during settlement windows.',
            async rules(server) {
              await transfer(server).once().thenReply(503, JSON.stringify(error('SERVICE_UNAVAILABLE', 'Settlement window, retry shortly')), {
                'content-type': 'application/json',
                'retry-after': '1',
              });
              await approveTransfers(server);
              await refuseUnauthenticated(server);
            },
            expect: { outcome: 'ok', withinMs: 3000 },
          },
        ],
      },
    },
  ],
};
