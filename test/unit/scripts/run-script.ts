import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export interface ScriptResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs one of the npm scripts as people run it: in its own Node process, on the
 * local D1 in `persistTo`. A failing exit is a result to assert on, not a throw.
 */
export async function runScript(persistTo: string, script: string, args: readonly string[], env?: NodeJS.ProcessEnv): Promise<ScriptResult> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [script, ...args, '--persist-to', persistTo], {
      encoding: 'utf8',
      ...(env && { env: { ...process.env, ...env } }),
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as ScriptResult;
    return { code, stdout, stderr };
  }
}
