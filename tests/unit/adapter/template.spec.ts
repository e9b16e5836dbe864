import { expect, test } from '@playwright/test';
import type { ProcessorSettings } from '../../../config/schema.ts';
import { checkTemplate, renderTemplate } from '../../../config/template.ts';

const stripe: ProcessorSettings = {
  name: 'card-main', profile: 'stripe', baseUrl: 'https://127.0.0.1:4431', host: '127.0.0.1', port: 4431,
  credentials: { secretKey: 'sk_test_x' }, tls: { caFile: '/pki/ca.pem', servername: 'localhost', minVersion: 'TLSv1.2', pins: ['sha256/a', 'sha256/b'] },
  timeouts: { connectMs: 500, handshakeMs: 500, responseMs: 1000 }, retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 1000 },
};
const visa: ProcessorSettings = { ...stripe, name: 'visa', profile: 'visa', baseUrl: 'https://127.0.0.1:4432', port: 4432, credentials: { username: 'u', password: 'p' }, tls: { ...stripe.tls, certFile: '/pki/client.pem', keyFile: '/pki/client.key' } };

test('an INI template: a section per processor, optional lines left out when absent', () => {
  const template = '[server]\nport = {port}\nprocessors = {processorNames}\n\n{#processors}\n[psp {processor.name}]\nurl = {processor.baseUrl}\ncert = {processor.tls.certFile?}\npins = {processor.tls.pins}\n{/processors}\n';
  expect(renderTemplate(template, [stripe, visa], { port: 8080 })).toBe(
    '[server]\nport = 8080\nprocessors = card-main,visa\n\n' +
    '[psp card-main]\nurl = https://127.0.0.1:4431\npins = sha256/a,sha256/b\n' +
    '[psp visa]\nurl = https://127.0.0.1:4432\ncert = /pki/client.pem\npins = sha256/a,sha256/b\n',
  );
});

test('a JSON template: {,} between repetitions, |json quotes values and lists', () => {
  const template = '{"port": {port}, "psps": [{#processors}{"name": {processor.name|json}, "pins": {processor.tls.pins|json}, "key": {processor.tls.keyFile|json}}{,}{/processors}]}';
  expect(JSON.parse(renderTemplate(template, [stripe, visa], { port: 1 }))).toEqual({
    port: 1, psps: [{ name: 'card-main', pins: ['sha256/a', 'sha256/b'], key: null }, { name: 'visa', pins: ['sha256/a', 'sha256/b'], key: '/pki/client.key' }],
  });
  expect(JSON.parse(renderTemplate('{"all": {processors|json}}', [stripe], { port: 1 })).all[0].name).toBe('card-main');
});

test('properties: one processor of two configured renders only its block (scenarios use a subset)', () => {
  const template = '{#processors}\n{processor.name}.url={processor.baseUrl}\n{processor.name}.user={processor.credentials.username?}\n{/processors}';
  expect(renderTemplate(template, [stripe], { port: 1 })).toBe('card-main.url=https://127.0.0.1:4431\n');
  expect(renderTemplate(template, [visa], { port: 1 })).toBe('visa.url=https://127.0.0.1:4432\nvisa.user=u\n');
});

const broken: [string, string][] = [
  ['url={processor.url}', 'line 1: unknown field {processor.url}'],
  ['port={prot}', 'line 1: unknown placeholder {prot} ({port}, {processorNames}, {processors} or {processor.<field>} inside a block)'],
  ['url={processor.baseUrl}', 'line 1: {processor.baseUrl} is only meaningful inside {#processors} ... {/processors}'],
  ['{#processors}\nx\n', 'line 1: {#processors} without its other half ({#processors} ... {/processors})'],
  ['list={processors}', 'line 1: write {processors|json} for the whole list, or a {#processors} block'],
];
for (const [template, problem] of broken) {
  test(`template refused: ${template.split('\n')[0]}`, () => {
    expect(checkTemplate(template)[0]?.startsWith(problem), checkTemplate(template)[0]).toBe(true);
  });
}
