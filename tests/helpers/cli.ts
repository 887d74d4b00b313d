import { Writable } from 'node:stream';
import { runCli } from '../../app/cli.ts';

/** A writable stream that keeps what is written to it. */
export function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

/** Runs the `sinorussia` command line in-process and returns its exit code and output. */
export async function cli(...args: string[]) {
  const [out, err] = [sink(), sink()];
  const code = await runCli(args, out.stream, err.stream);
  return { code, out: out.text(), err: err.text() };
}
