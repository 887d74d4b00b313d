/**
 * Answers a surface has acknowledged but not yet delivered. A chat platform is told "got it"
 * before the answer exists (Slack's ack, Discord's gateway event), so stopping the process
 * the moment it is asked to would drop answers people were promised. Each adapter tracks its
 * answers here and drains them on stop, after it stops taking new requests.
 */
export class InFlight {
  private readonly pending = new Set<Promise<unknown>>();

  /** Tracks `work` until it settles; returns it unchanged. */
  track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work);
    const settled = () => void this.pending.delete(work);
    work.then(settled, settled);
    return work;
  }

  /**
   * Waits until nothing is in flight (work started meanwhile included) or `timeoutMs` passes.
   * Returns how many answers were still unfinished, so the caller can say so in its log.
   */
  async drain(timeoutMs: number): Promise<number> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
      timer.unref();
    });
    try {
      while (this.pending.size > 0) {
        if ((await Promise.race([Promise.allSettled([...this.pending]), timedOut])) === 'timeout') break;
      }
    } finally {
      clearTimeout(timer);
    }
    return this.pending.size;
  }
}
