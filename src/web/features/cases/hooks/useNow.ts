import { useEffect, useState } from 'react';
import { serverNow } from '../../../lib/api.js';

/**
 * The server's current time, read at each render and re-rendered every `intervalMs` (clocks tick between
 * server updates). The server's clock, not the browser's: deadlines are the server's, and tests move its
 * clock; a refetch after it moved re-renders with the new time at once.
 */
export function useNow(intervalMs = 30_000): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = window.setInterval(() => setTick((t) => t + 1), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return serverNow();
}
