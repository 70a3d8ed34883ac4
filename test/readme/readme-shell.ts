import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One bash session that runs README blocks in order, as a reader pastes them into one terminal:
 * variables set by a block (U, ADMIN, C, …) stay for the next. Each block runs under
 * `set -eo pipefail`, so any command that fails ends the session, and `curl` answering the API's
 * error body (`{"error": …}`) counts as a failure, though curl itself exits 0 on a 4xx.
 */
export class ReadmeShell {
  readonly #bash: ChildProcessWithoutNullStreams;
  readonly #dir = mkdtempSync(join(tmpdir(), 'firstline-readme-'));
  #output = '';
  #exit: number | null | undefined;
  #waiting: (() => void) | undefined;
  #blocks = 0;

  constructor(options: { readonly cwd: string; readonly env: Record<string, string> }) {
    this.#bash = spawn('bash', ['--noprofile', '--norc'], { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const collect = (chunk: Buffer) => {
      this.#output += chunk.toString();
      this.#waiting?.();
    };
    this.#bash.stdout.on('data', collect);
    this.#bash.stderr.on('data', collect);
    this.#bash.on('exit', (code) => {
      this.#exit = code;
      this.#waiting?.();
    });
    this.#bash.stdin.write(`${[
      'set -eo pipefail',
      // pnpm as the README tells a newcomer to get it, unless the machine has its own.
      'command -v pnpm >/dev/null || pnpm() { npx -y pnpm@10.34.9 "$@"; }',
      'curl() {',
      '  local out',
      '  out=$(command curl "$@") || return',
      '  printf "%s\\n" "$out"',
      '  if [[ $out =~ ^[[:space:]]*\\{[[:space:]]*\\"error\\"[[:space:]]*: ]]; then echo "readme-test: curl answered an error: $out" >&2; return 22; fi',
      '}',
    ].join('\n')}\n`);
  }

  /** Runs one block; resolves with its output, or rejects with the output and the exit code when it fails. */
  async run(text: string, timeoutMs: number): Promise<string> {
    if (this.#exit !== undefined) throw new Error(`the shell has ended (exit ${this.#exit}) in an earlier block`);
    const n = ++this.#blocks;
    const file = join(this.#dir, `block-${n}.sh`);
    writeFileSync(file, `${text}\n`);
    const start = this.#output.length;
    const done = `::readme-block-${n}-done::`;
    // Sourced, so its variables stay; stdin from /dev/null, so no command in it reads the next block.
    this.#bash.stdin.write(`source ${file} < /dev/null\necho ${done}\n`);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const output = this.#output.slice(start);
      if (output.includes(done)) return output.replace(`${done}\n`, '');
      if (this.#exit !== undefined) throw new Error(`the block failed (exit ${this.#exit}):\n${output.slice(-4000)}`);
      if (Date.now() > deadline) throw new Error(`the block did not finish in ${timeoutMs / 1000} s:\n${output.slice(-4000)}`);
      await new Promise<void>((resolve) => {
        this.#waiting = resolve;
        setTimeout(resolve, 1000);
      });
    }
  }

  close(): void {
    if (this.#exit === undefined) this.#bash.kill('SIGTERM');
  }
}
