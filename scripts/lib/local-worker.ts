import { type ChildProcess, spawn } from 'node:child_process';

export interface LocalWorker {
  baseUrl: string;
  child: ChildProcess;
  stop: () => void;
}

/**
 * Starts the app in `wrangler dev` on loopback over the local D1 in
 * `persistTo` and resolves once /api/health answers: what every bench that
 * measures the running Worker needs. `pipeStdout` keeps the Worker's logs
 * readable (the usage bench reads the consumer's batch logs).
 */
export async function startLocalWorker(options: {
  port: number | string;
  persistTo: string;
  pipeStdout?: boolean;
  timeoutMs?: number;
  /** Another wrangler config (a bench's own Worker) and the path that answers once it is up. */
  configPath?: string;
  readyPath?: string;
  /** Up as soon as readyPath answers at all, whatever its status (a Worker with no health route). */
  readyOnAnyAnswer?: boolean;
}): Promise<LocalWorker> {
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const child = spawn(
    'node_modules/.bin/wrangler',
    [
      'dev',
      '--port',
      String(options.port),
      '--ip',
      '127.0.0.1',
      '--persist-to',
      options.persistTo,
      '--show-interactive-dev-session=false',
      '--log-level',
      'log',
      // The app is the citizens' Worker with the preview image Worker behind its OG_IMAGES binding (npm start runs both).
      ...(options.configPath ? ['--config', options.configPath] : ['--config', 'wrangler.toml', '--config', 'wrangler.og.toml']),
      // Several benches side by side on one machine each need their own inspector port.
      ...(process.env.INSPECTOR_PORT ? ['--inspector-port', process.env.INSPECTOR_PORT] : []),
    ],
    {
      stdio: ['ignore', options.pipeStdout ? 'pipe' : 'ignore', 'ignore'],
      detached: true,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    },
  );
  const stop = () => {
    if (child.pid === undefined || child.exitCode !== null) return;
    try {
      process.kill(-child.pid, 'SIGTERM'); // the whole group: wrangler and its workerd
    } catch {
      child.kill('SIGTERM');
    }
  };
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${baseUrl}${options.readyPath ?? '/api/health'}`);
      await res.arrayBuffer();
      if (res.ok || options.readyOnAnyAnswer) return { baseUrl, child, stop };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  stop();
  throw new Error(`${baseUrl}/api/health did not answer within ${(options.timeoutMs ?? 120_000) / 1000} s`);
}
