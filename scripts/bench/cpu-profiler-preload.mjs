/**
 * Loaded into the server process by the push diagnosis (NODE_OPTIONS=--import …; Node 20 refuses
 * --cpu-prof there). When BENCH_CPU_PROFILE names a file, the first SIGUSR2 starts V8's sampling
 * profiler and the second stops it and writes the profile there, so only the measured window is sampled.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const out = process.env.BENCH_CPU_PROFILE;
if (out) {
  const session = new Session();
  session.connect();
  let running = false;
  process.on('SIGUSR2', () => {
    if (!running) {
      running = true;
      session.post('Profiler.enable', () =>
        session.post('Profiler.setSamplingInterval', { interval: 500 }, () => session.post('Profiler.start')),
      );
    } else {
      running = false;
      session.post('Profiler.stop', (error, result) => {
        if (!error) writeFileSync(out, JSON.stringify(result.profile));
      });
    }
  });
}
