import type { Metric } from 'prom-client';

/** Upper bounds of the latency buckets, in seconds: from a verification in memory to a slow export. */
export const DURATION_BUCKETS = [
  0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Observations counted in fixed buckets, with their count and sum: one label set of a histogram. */
export class Observations {
  count = 0;
  sum = 0;
  readonly buckets: Float64Array;

  constructor(readonly bounds: readonly number[]) {
    this.buckets = new Float64Array(bounds.length);
  }

  observe(seconds: number): void {
    this.count++;
    this.sum += seconds;
    const bounds = this.bounds;
    let bucket = 0;
    while (bucket < bounds.length && seconds > (bounds[bucket] as number)) bucket++;
    if (bucket < bounds.length) (this.buckets[bucket] as number)++;
  }
}

/** One method, route and status: how many requests, their total time, and how many fell in each bucket. */
export class Series extends Observations {
  constructor(
    readonly method: string,
    readonly route: string,
    readonly status: string,
  ) {
    super(DURATION_BUCKETS);
  }
}

export type Labels = Record<string, string | number>;

/** A value as prom-client's registry renders it: `metricName` names a histogram's `_bucket`, `_sum` and `_count`. */
export interface Sample {
  metricName?: string;
  value: number;
  labels: Labels;
}

/**
 * Requests by method, route pattern and status, and their durations as a histogram. A request costs a
 * map lookup and a few additions; the Prometheus text is made at scrape time. Labels come from a closed
 * set: the route's pattern (never the URL, which may hold an id or a key), a known method or `OTHER`,
 * and the status code, so a client cannot grow the series.
 */
export class RequestMetrics {
  private readonly series = new Map<string, Series>();

  /** Records one answered request; `route` is the matched pattern, or `unmatched` when none matched. */
  observe(method: string, route: string, status: number, seconds: number): void {
    this.seriesOf(method, route, status).observe(seconds);
  }

  /** The series a request falls in: a caller that always answers the same way may hold on to it. */
  seriesOf(method: string, route: string, status: number): Series {
    const verb = METHODS.has(method) ? method : 'OTHER';
    const id = `${verb} ${status} ${route}`;
    let series = this.series.get(id);
    if (series === undefined) {
      series = new Series(verb, route, String(status));
      this.series.set(id, series);
    }
    return series;
  }

  /** The two metrics to register: `keyward_http_requests_total` and `keyward_http_request_duration_seconds`. */
  metrics(): Metric[] {
    const all = () => [...this.series.values()];
    const labels = (series: Series): Labels => ({
      method: series.method,
      route: series.route,
      status: series.status,
    });
    return [
      collected(
        'keyward_http_requests_total',
        'HTTP requests answered, by method, route and status',
        'counter',
        () => all().map((series) => ({ value: series.count, labels: labels(series) })),
      ),
      collected(
        'keyward_http_request_duration_seconds',
        'Time from the request to its answer, by method, route and status',
        'histogram',
        () =>
          all().flatMap((series) =>
            histogramSamples('keyward_http_request_duration_seconds', series, labels(series)),
          ),
      ),
    ];
  }
}

/** A histogram's samples for one label set: its cumulative buckets up to `+Inf`, its sum and its count. */
export function histogramSamples(name: string, observations: Observations, labels: Labels): Sample[] {
  const samples: Sample[] = [];
  let below = 0;
  observations.bounds.forEach((bound, i) => {
    below += observations.buckets[i] as number;
    samples.push({ metricName: `${name}_bucket`, value: below, labels: { ...labels, le: bound } });
  });
  samples.push(
    { metricName: `${name}_bucket`, value: observations.count, labels: { ...labels, le: '+Inf' } },
    { metricName: `${name}_sum`, value: observations.sum, labels },
    { metricName: `${name}_count`, value: observations.count, labels },
  );
  return samples;
}

/**
 * A metric whose values are read when Prometheus scrapes, in the shape prom-client's registry renders
 * (its `get()`); prom-client's own classes keep a value per label set, where these are computed.
 */
export function collected(
  name: string,
  help: string,
  type: 'counter' | 'gauge' | 'histogram',
  values: () => Sample[],
): Metric {
  const get = async () => ({ name, help, type, aggregator: 'sum', values: values() });
  return { name, help, type, aggregator: 'sum', get, reset: () => {} } as unknown as Metric;
}
