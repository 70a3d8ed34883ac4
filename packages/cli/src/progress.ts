/**
 * Progress of a timed run on stderr: a bar redrawn in place on a terminal; when stderr is a file
 * or a pipe (CI logs), a plain line every few seconds, since carriage returns would only pile up.
 */
export class Progress {
  readonly #stream: NodeJS.WriteStream;
  readonly #started = Date.now();
  readonly #durationMs: number;
  readonly #status: () => string;
  readonly #tty: boolean;
  readonly #timer: NodeJS.Timeout;

  constructor(durationMs: number, status: () => string, stream: NodeJS.WriteStream = process.stderr) {
    this.#stream = stream;
    this.#durationMs = durationMs;
    this.#status = status;
    this.#tty = Boolean(stream.isTTY);
    this.#timer = setInterval(() => this.#draw(), this.#tty ? 200 : 5_000);
    this.#timer.unref();
  }

  #line(finished = false): string {
    const elapsed = (Date.now() - this.#started) / 1000;
    // The last scan is scheduled a moment before the end; a finished run reads as complete.
    const shown = finished ? Math.max(elapsed, this.#durationMs / 1000) : elapsed;
    const share = Math.min(1, shown / (this.#durationMs / 1000 || 1));
    const width = 24;
    const filled = Math.round(share * width);
    const time = `${elapsed.toFixed(1)}/${(this.#durationMs / 1000).toFixed(0)} s`;
    return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)}%  ${time}  ${this.#status()}`;
  }

  #draw(finished = false): void {
    if (this.#tty) {
      const columns = this.#stream.columns || 120;
      this.#stream.write(`\r\x1b[2K${this.#line(finished).slice(0, columns - 1)}`);
    } else this.#stream.write(`${this.#line(finished)}\n`);
  }

  /** Shows a last state (the run may end in a drain after the bar reached 100 %) and stops. */
  stop(): void {
    clearInterval(this.#timer);
    if (this.#tty) {
      this.#draw(true);
      this.#stream.write('\n');
    }
  }
}
