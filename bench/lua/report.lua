-- Loaded by every bench script (and used alone for plain GET runs): prints wrk's own figures as one
-- JSON line that bench/wrk.ts parses. Latencies are in microseconds; p99 is wrk's, from its histogram.
-- A script may define extra_fields(), returning more JSON members (with a leading comma).

function done(summary, latency, requests)
  local e = summary.errors
  local extra = ""
  if extra_fields then extra = extra_fields() end
  io.write(string.format(
    'WRK_RESULT {"requests":%d,"durationUs":%d,"p50Us":%.0f,"p99Us":%.0f,"maxUs":%.0f,' ..
    '"connectErrors":%d,"readErrors":%d,"writeErrors":%d,"timeouts":%d,"non2xx":%d%s}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.timeout, e.status, extra))
end
