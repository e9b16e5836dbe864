import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import { getScenario } from '../../../mocks/scenarios/index.ts';
import type { ProfileName, ProfileOptions } from '../../../mocks/processors/profile.ts';
import { startProcessor, type ProcessorServer } from '../../../mocks/servers/start-processor.ts';

/**
 * A mock processor as an official SDK meets it: `tls.good-chain` served over real TLS on
 * 127.0.0.1 (port 0), with the test CA the SDK is told to trust. The account is a new test account
 * (no raw-card access) unless `profileOptions` say otherwise.
 */
export type Served = { server: ProcessorServer; host: string; port: number; origin: string; ca: Buffer; close(): Promise<void> };

export async function serve(profile: ProfileName, profileOptions: ProfileOptions = {}): Promise<Served> {
  const server = await startProcessor(getScenario('tls.good-chain'), { profile, profileOptions });
  const url = new URL(server.url);
  if (!server.client.ca) throw new Error('gatecheck: tls.good-chain gave no CA bundle to trust');
  return { server, host: url.hostname, port: Number(url.port), origin: server.url, ca: readFileSync(server.client.ca), close: () => server.close() };
}

/**
 * An https.Agent for an SDK whose base URL is fixed (PayPal's): every connection goes to the
 * served mock on 127.0.0.1 whatever host the SDK names, the way a hosts-file entry would send it.
 * TLS stays real: the chain is verified against the test CA, and the name checked is the address
 * actually dialled (127.0.0.1, which the test server certificate names). Nothing leaves loopback.
 */
export class LoopbackAgent extends https.Agent {
  readonly dialled: string[] = [];

  constructor(private readonly served: Pick<Served, 'host' | 'port' | 'ca'>) {
    super({ keepAlive: false });
  }

  /** Node's Agent uses the returned socket (the callback is for agents that connect asynchronously). */
  override createConnection(options: tls.ConnectionOptions): Duplex {
    this.dialled.push(`${options.host ?? options.servername}:${options.port}`);
    const { servername: _named, ...rest } = options;
    return tls.connect({ ...rest, host: this.served.host, port: this.served.port, ca: this.served.ca, rejectUnauthorized: true });
  }
}
