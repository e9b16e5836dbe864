import type { Pki } from '../../mocks/pki/load.ts';
import type { Scenario } from '../../mocks/scenarios/schema.ts';
import { startProcessor } from '../../mocks/servers/start-processor.ts';
import type { LoadedConfig } from '../../config/load.ts';
import type { GatewayDriver } from '../drivers/driver.ts';
import { nameFor } from './applicable.ts';
import { coarseFor } from './assess.ts';
import { countingCoarseToo } from './coarse-counter.ts';
import type { Observation } from './observation.ts';
import { observe } from './observe.ts';

/** A scenario's run under way: its observation, and a way to stop it early (its test never came). */
export type ScenarioRun = { observation: Promise<Observation>; abandon(): Promise<void> };

export type RunDeps = {
  pki: Pki;
  driver: GatewayDriver;
  project: LoadedConfig;
  /** Gates each gateway start (a start is CPU work; a run's waits are not). */
  bootSlot: <T>(start: () => Promise<T>) => Promise<T>;
};

/** Long enough for any gateway to stop after its processors closed; abandoning never holds a worker longer. */
const ABANDON_LIMIT_MS = 10_000;

/**
 * One scenario end to end with resources of its own: its processors and gateway are closed as soon
 * as it is observed (or fails), pass or fail, and at once if it is abandoned. `ms` is the run's own
 * time, processors started to observation complete, whatever else ran beside it.
 */
export function startScenarioRun(scenario: Scenario, { pki, driver, project, bootSlot }: RunDeps): ScenarioRun {
  const { processors, waive, coarse } = project.config;
  const declared = coarseFor(scenario, { waive, coarse });
  const closers: (() => Promise<void>)[] = [];
  let abandoned = false;
  const own = async (close: () => Promise<void>) => {
    if (abandoned) await close();
    else closers.push(close);
  };
  const closeAll = async () => {
    // Gateways first (pushed last), then the processors they were talking to.
    const all = closers.splice(0).reverse();
    for (const close of all) await close();
  };
  const observation = (async () => {
    const started = performance.now();
    try {
      const observed = await observe(scenario, {
        driver: driver.name,
        startProcessor: async (s) => {
          const server = await startProcessor(s, { pki });
          await own(() => server.close());
          return server;
        },
        startGateway: async (entries) => {
          const boot = await bootSlot(() => driver.start(entries));
          if (boot.ok) await own(() => boot.gateway.stop());
          return countingCoarseToo(boot, scenario.expect.code, declared?.code ?? null);
        },
        processorName: (profile) => nameFor(profile, processors),
      });
      return { ...observed, ms: Math.round(performance.now() - started) };
    } finally {
      await closeAll();
    }
  })();
  return {
    observation,
    async abandon() {
      abandoned = true;
      await closeAll();
      let limit: NodeJS.Timeout | undefined;
      await Promise.race([observation.catch(() => undefined), new Promise((resolve) => (limit = setTimeout(resolve, ABANDON_LIMIT_MS)))]);
      clearTimeout(limit);
    },
  };
}
