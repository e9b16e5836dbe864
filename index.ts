// `gatecheck`: the project config's helper and the public types.
export { defineConfig } from './config/define.ts';

export type { ProjectConfig, ProjectConfigInput, DeclarativeGateway, Locator, BuiltInProcessor, ProcessorSettings, RenderGatewayConfig } from './config/schema.ts';
export type { Scenario, Family, Expectation } from './mocks/scenarios/schema.ts';
export type { ErrorCode } from './mocks/scenarios/codes.ts';
export type { ProfileName } from './mocks/processors/profile.ts';
export type { GatewayDriver, RunningGateway, BootResult, ProcessorConfig, PaymentInput, PaymentResult, ProcessorHealth } from './tests/drivers/driver.ts';
export type { Observation } from './tests/harness/observation.ts';
