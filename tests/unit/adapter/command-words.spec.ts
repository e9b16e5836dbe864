import { expect, test } from '@playwright/test';
import { commandWords } from '../../drivers/command-words.ts';

test('a plain command is split into words, quotes removed', () => {
  expect(commandWords(`"/usr/bin/node" "/opt/gatecheck/bin/gatecheck.js" gateway --config '/tmp/x y/gateway.json' --json`)).toEqual(['/usr/bin/node', '/opt/gatecheck/bin/gatecheck.js', 'gateway', '--config', '/tmp/x y/gateway.json', '--json']);
  expect(commandWords(`sh ./run.sh '/tmp/gatecheck-gateway-a/gateway.ini'`)).toEqual(['sh', './run.sh', '/tmp/gatecheck-gateway-a/gateway.ini']);
  expect(commandWords(`java -cp build/classes Gateway --port=0 a'b c'd`)).toEqual(['java', '-cp', 'build/classes', 'Gateway', '--port=0', 'ab cd']);
});

test('anything a shell would interpret goes to the shell (null)', () => {
  for (const command of ['node a.js | tee log', 'node a.js > out', 'PORT=0 node a.js', 'node $HOME/a.js', 'node "$HOME/a.js"', 'cd x && node a.js', 'node *.js', '~/bin/gw', 'node a\\ b.js', 'node `pwd`/a.js', 'node a.js; echo', '', '   ']) {
    expect(commandWords(command), command).toBeNull();
  }
});
