// `gatecheck`: the project config's helper and the public types.
import type { ProjectConfigInput } from './config/schema.ts';

/** Types a gatecheck.config.ts / .mjs: returns its argument unchanged; gatecheck validates it when it loads. */
export function defineConfig(config: ProjectConfigInput): ProjectConfigInput {
  return config;
}

export type { ProjectConfig, ProjectConfigInput, DeclarativeGateway, Locator, BuiltInProcessor } from './config/schema.ts';
export type { Scenario, Family, Expectation } from './mocks/scenarios/schema.ts';
export type { ErrorCode } from './mocks/scenarios/codes.ts';
export type { ProfileName } from './mocks/processors/profile.ts';
export type { GatewayDriver, RunningGateway, BootResult, ProcessorConfig, PaymentInput, PaymentResult, ProcessorHealth } from './tests/drivers/driver.ts';
export type { Observation } from './tests/harness/observation.ts';
