import { expect, test } from '@playwright/test';
import { isLoopbackHost } from '../../../mocks/inprocess/loopback.ts';

const table: [string, boolean][] = [
  ['127.0.0.1', true],
  ['127.0.0.1:443', true],
  ['127.12.0.9:8080', true],
  ['localhost', true],
  ['LOCALHOST:3000', true],
  ['::1', true],
  ['[::1]:8443', true],
  ['::1:35787', true], // how nock writes [::1]:35787
  ['::ffff:127.0.0.1', true],
  ['api.stripe.com:443', false],
  ['192.0.2.10:443', false],
  ['10.0.0.1', false],
  ['localhost.example.com', false],
  ['app.localhost', false],
  ['127.0.0.1.nip.io:80', false],
  ['::2', false],
];

for (const [host, loopback] of table) {
  test(`isLoopbackHost(${JSON.stringify(host)}) is ${loopback}`, () => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
}
