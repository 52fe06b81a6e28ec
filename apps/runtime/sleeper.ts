/** Sleeps that can be cut short, so that a stopping service does not wait out a retry delay or an interval. */
export class Sleeper {
  private readonly wakers = new Set<() => void>();

  /** Resolves after `ms`, or at once when {@link wake} is called. */
  public sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakers.add(done);
    });
  }

  /** Ends every sleep in progress. */
  public wake(): void {
    for (const waker of [...this.wakers]) waker();
  }
}
