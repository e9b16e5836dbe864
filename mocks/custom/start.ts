import { loadPki, type Pki } from '../pki/load.ts';
import { BoundedLog, type ConnectionRecord, type RequestRecord } from '../servers/records.ts';
import { frontApplication, type RunningProcessor } from '../servers/start-processor.ts';
import { startCustomApp } from './app.ts';
import type { CustomProcessor } from './definition.ts';
import type { CustomScenario } from './scenarios.ts';

/** A custom processor's scenario, running on 127.0.0.1: the same front and records as a built-in one. */
export type CustomProcessorServer = RunningProcessor & { custom: CustomProcessor; mockttpPort: number };

export type CustomStartOptions = { port?: number; pki?: Pki; recordLimit?: number };

/** Starts a custom processor's scenario: its mockttp rules behind the scenario's front. */
export async function startCustomProcessor(run: CustomScenario, options: CustomStartOptions = {}): Promise<CustomProcessorServer> {
  const pki = options.pki ?? loadPki();
  const connections = new BoundedLog<ConnectionRecord>(options.recordLimit);
  const requests = new BoundedLog<RequestRecord>(options.recordLimit);
  const app = await startCustomApp(run.processor, run.rules, run.scenario.processor.behaviour, requests);
  const running = await frontApplication(run.scenario, app, { connections, requests }, pki, options.port ?? 0);
  return { ...running, ports: [...new Set([...running.ports, app.mockttpPort])], custom: run.processor, mockttpPort: app.mockttpPort };
}
