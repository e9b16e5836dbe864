import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

/**
 * For dev/bench/profile-route.ts: a CPU profile of this process over a window the parent chooses,
 * not its whole life (start-up and module loading would blur a route's figures). SIGUSR2 starts
 * it; `stop()` writes it to `file`.
 */
export async function profileOnSignal(file: string): Promise<{ stop(): Promise<void> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  let started: Promise<unknown> | null = null;
  process.on('SIGUSR2', () => void (started ??= session.post('Profiler.start')));
  return {
    async stop() {
      if (!started) return;
      await started;
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}
