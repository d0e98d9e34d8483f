import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, serverNow } from '../../lib/api.js';

describe('serverNow', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('follows the server clock from the Date header, even far from the browser clock', async () => {
    const serverTime = Date.parse('2026-06-09T01:00:00Z');
    vi.stubGlobal(
      'fetch',
      async () =>
        new Response('{"ok":true}', {
          status: 200,
          headers: { 'content-type': 'application/json', date: new Date(serverTime).toUTCString() },
        }),
    );
    await api('/api/v1/anything');
    // Within the header's one-second resolution of the server's time, whatever the browser's clock says.
    expect(Math.abs(serverNow() - serverTime)).toBeLessThan(1500);
  });
});
