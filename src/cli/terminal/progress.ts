/**
 * The progress bar shown while demo data is inserted (cli-progress). On a terminal it redraws in
 * place; in logs (no TTY, e.g. `npm start` under a process manager) it prints a line every few
 * seconds instead, so the log shows that start-up is alive.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

/** A bar labelled `label` counting `unit`; call update() from an onProgress callback and stop() when done. */
export function progressBar(label: string, unit = 'institutions'): Progress {
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {duration_formatted}`,
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 5000,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, done);
        started = true;
      } else bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
