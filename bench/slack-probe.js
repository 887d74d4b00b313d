// Loaded with `--import` into each app process that `npm run bench:slack` forks: on 'begin'
// and 'end' messages it reports the process's CPU time and longest event-loop stall over a
// run, so both apps are measured the same way, from inside, with no change to their code.
import { monitorEventLoopDelay } from 'node:perf_hooks';

if (process.send) {
  let cpuBefore = process.cpuUsage();
  let loopDelay;
  process.on('message', (message) => {
    if (message === 'begin') {
      loopDelay = monitorEventLoopDelay({ resolution: 1 });
      loopDelay.enable();
      cpuBefore = process.cpuUsage();
      process.send({ probe: 'begun' });
    } else if (message === 'end') {
      const cpu = process.cpuUsage(cpuBefore);
      loopDelay?.disable();
      process.send({ probe: 'ended', cpuMicros: cpu.user + cpu.system, stallMs: (loopDelay?.max ?? 0) / 1e6 });
    }
  });
  process.on('disconnect', () => process.exit(0));
}
