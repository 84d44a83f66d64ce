import { spawnSync } from 'node:child_process';

/**
 * Runs one step of a pipeline with inherited output and stops the whole
 * pipeline on failure, so a broken step is never hidden by the next one.
 */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  console.log(`\n▶ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`✖ ${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
    process.exit(result.status ?? 1);
  }
}
