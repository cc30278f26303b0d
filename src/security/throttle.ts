// A small in-process throttle: at most one action per key per interval. Enough for one server;
// the rate-limits issue replaces it with rate-limiter-flexible, whose stores scale out.
export function createThrottle(intervalMs: number, maxKeys = 10_000) {
  const last = new Map<string, number>()
  return {
    /** True (and remembered) when the key may act now. */
    allow(key: string, now = Date.now()): boolean {
      const previous = last.get(key)
      if (previous !== undefined && now - previous < intervalMs) return false
      if (last.size >= maxKeys) {
        for (const [k, at] of last) if (now - at >= intervalMs) last.delete(k)
        if (last.size >= maxKeys) last.delete(last.keys().next().value!)
      }
      last.set(key, now)
      return true
    },
  }
}
