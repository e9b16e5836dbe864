import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { base64Forms, scanArtefacts, unzip } from './artefact-scan.ts';

/** The scanner must find what it is meant to find, or "0 hits" proves nothing. */

const CANARY = 'gatecheck-scan-canary-42';

/** A zip with deflated entries, built by hand (no zip writer in Node's standard library). */
function zip(entries: Record<string, string | Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const raw = Buffer.from(content);
    const data = deflateRawSync(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(Buffer.byteLength(name), 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(Buffer.byteLength(name), 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, Buffer.from(name), data);
    centrals.push(central, Buffer.from(name));
    offset += 30 + Buffer.byteLength(name) + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

test('a secret base64-encoded at any byte alignment is recognised without decoding', () => {
  for (const prefix of ['', 'a', 'ab', 'abc', 'user:']) {
    const encoded = Buffer.from(`${prefix}${CANARY}!`).toString('base64');
    expect(base64Forms(CANARY).some((form) => encoded.includes(form)), `prefix "${prefix}"`).toBe(true);
  }
});

test('unzip reads deflated entries', () => {
  expect(Object.fromEntries([...unzip(zip({ 'a.txt': 'alpha', 'b/c.json': '{"b":1}' }))].map(([k, v]) => [k, v.toString()]))).toEqual({ 'a.txt': 'alpha', 'b/c.json': '{"b":1}' });
});

test('the scan finds a canary in clear, in base64, inside a zip inside a zip, in an embedded data URL and in stdout', ({}, testInfo) => {
  const dir = testInfo.outputPath('artefacts');
  mkdirSync(`${dir}/nested`, { recursive: true });
  writeFileSync(`${dir}/clear.txt`, `x ${CANARY} y`);
  writeFileSync(`${dir}/encoded.json`, JSON.stringify({ body: Buffer.from(`Basic u:${CANARY}`).toString('base64') }));
  writeFileSync(`${dir}/nested/trace.zip`, zip({ 'inner.zip': zip({ 'resource.txt': CANARY }) }));
  writeFileSync(`${dir}/index.html`, `<script>window.report = "data:application/zip;base64,${zip({ 'report.json': CANARY }).toString('base64')}";</script>`);
  writeFileSync(`${dir}/clean.txt`, 'nothing here');
  const scan = scanArtefacts([dir], [{ label: 'canary', find: CANARY }, { label: 'card', find: /4242424242424242/ }], { stdout: `printed ${CANARY}` });
  expect(scan.hits.map((h) => h.where).sort()).toEqual(['clear.txt', 'encoded.json', 'index.html!embedded!report.json', 'nested/trace.zip!inner.zip!resource.txt', 'stdout']);
  expect(scan.files).toBe(5);
});
