/** A monotonically increasing Prometheus counter. */
export class Counter {
  private count = 0;

  public constructor(
    public readonly name: string,
    public readonly help: string,
  ) {}

  public inc(by = 1): void {
    this.count += by;
  }

  public get value(): number {
    return this.count;
  }
}

/** The counters of one service plus process gauges, rendered in the Prometheus text format. */
export class Metrics {
  private readonly counters: Counter[] = [];

  public counter(name: string, help: string): Counter {
    const counter = new Counter(name, help);
    this.counters.push(counter);
    return counter;
  }

  /** The body of `GET /metrics` (text format 0.0.4). */
  public render(): string {
    const memory = process.memoryUsage();
    const samples: Array<[string, 'counter' | 'gauge', string, number]> = [
      ...this.counters.map((c): [string, 'counter', string, number] => [c.name, 'counter', c.help, c.value]),
      ['process_resident_memory_bytes', 'gauge', 'Resident set size in bytes.', memory.rss],
      ['nodejs_heap_used_bytes', 'gauge', 'V8 heap in use in bytes.', memory.heapUsed],
      ['process_uptime_seconds', 'gauge', 'Seconds since the process started.', process.uptime()],
    ];
    return samples.map(([name, type, help, value]) => `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${name} ${value}\n`).join('');
  }
}
