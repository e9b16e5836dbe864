import type { Scenario } from '../../mocks/scenarios/schema.ts';
import type { Observation } from './observation.ts';
import type { ScenarioRun } from './scenario-run.ts';

/**
 * Scenarios started ahead of their tests, so that their deliberate waits (a timeout to hit, a
 * Retry-After to honour: idle time) overlap instead of queueing one after another in a worker.
 * At most `limit` runs are under way at once (each holds a gateway, which may be a process of its
 * own); as one ends, the next scenario in line starts. Each test still runs, judges and reports
 * its own scenario; a run's bounds, drive and verdict are those it would have alone. Runs whose
 * test never comes (the worker restarted after a failure, or a Playwright filter narrower than
 * GATECHECK_GREP) are abandoned when the worker ends: their gateways and processors closed.
 */
export class Overlap {
  private readonly ahead = new Map<string, ScenarioRun>();
  private inLine: Scenario[] = [];
  private underWay = 0;

  constructor(
    private readonly start: (scenario: Scenario) => ScenarioRun,
    private readonly limit: number,
  ) {}

  /** This scenario's observation (from its run started ahead, or a run started now); `next` are the scenarios to start ahead, in order. */
  run(scenario: Scenario, next: readonly Scenario[] = []): Promise<Observation> {
    const own = this.ahead.get(scenario.id) ?? this.track(scenario);
    this.ahead.delete(scenario.id);
    this.inLine = next.filter((later) => later.id !== scenario.id && !this.ahead.has(later.id));
    this.startInLine();
    return own.observation;
  }

  async abandon(): Promise<void> {
    this.inLine = [];
    const runs = [...this.ahead.values()];
    this.ahead.clear();
    await Promise.all(runs.map((run) => run.abandon()));
  }

  private startInLine(): void {
    while (this.underWay < this.limit && this.inLine.length > 0) {
      const later = this.inLine.shift()!;
      const run = this.track(later);
      // Read by its own test; until then a failure must not surface as an unhandled rejection.
      run.observation.catch(() => undefined);
      this.ahead.set(later.id, run);
    }
  }

  private track(scenario: Scenario): ScenarioRun {
    const run = this.start(scenario);
    this.underWay++;
    const ended = () => {
      this.underWay--;
      this.startInLine();
    };
    run.observation.then(ended, ended);
    return run;
  }
}
