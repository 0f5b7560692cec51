-- Prints one machine-readable line when wrk finishes: totals and latency percentiles (µs).
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "WRK_JSON {\"requests\": %d, \"duration_us\": %d, \"p50_us\": %d, \"p90_us\": %d, "
      .. "\"p99_us\": %d, \"max_us\": %d, \"non_2xx\": %d, \"socket_errors\": %d}\n",
    summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
