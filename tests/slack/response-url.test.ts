/**
 * The response_url poster over real sockets: what it sends, and how each failure surfaces.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResponsePoster, ResponseUrlError } from '../../adapters/slack/response-url.ts';
import { readBody } from './fake-slack-api.ts';

interface Received { path: string; contentType?: string; body: string }

let server: Server;
let base: string;
const received: Received[] = [];
const poster = createResponsePoster({ connections: 4 });

beforeAll(async () => {
  server = createServer(async (req, res) => {
    received.push({ path: req.url ?? '', contentType: req.headers['content-type'], body: await readBody(req) });
    res.statusCode = req.url?.startsWith('/gone') ? 404 : 200;
    res.end(res.statusCode === 200 ? 'ok' : 'expired_url');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await poster.close();
  await new Promise((resolve) => server.close(resolve));
});

describe('response_url poster', () => {
  it('posts the JSON as is, with its content type, to the path and query of the URL', async () => {
    await poster.post(`${base}/commands/T1/2/abc?x=1`, '{"text":"hi"}');
    expect(received.at(-1)).toEqual({ path: '/commands/T1/2/abc?x=1', contentType: 'application/json', body: '{"text":"hi"}' });
  });

  it('delivers many concurrent posts, each to its own path, through a pool of 4 connections', async () => {
    const before = received.length;
    await Promise.all(Array.from({ length: 50 }, (_, i) => poster.post(`${base}/many/${i}`, `{"n":${i}}`)));
    expect(received.slice(before).map((r) => r.path).sort()).toEqual(Array.from({ length: 50 }, (_, i) => `/many/${i}`).sort());
  });

  it('a non-2xx answer rejects with the status and the URL', async () => {
    const error = await poster.post(`${base}/gone/1`, '{}').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseUrlError);
    expect(error).toMatchObject({ code: 'RESPONSE_URL_FAILED', status: 404, url: `${base}/gone/1` });
  });

  it('a refused connection rejects with the cause', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await poster.post(`http://127.0.0.1:${port}/x`, '{}').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'RESPONSE_URL_FAILED', status: undefined });
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  it('refuses a URL that is not http(s) without sending anything', async () => {
    const before = received.length;
    const error = await poster.post('file:///etc/passwd', '{}').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'RESPONSE_URL_FAILED', url: 'file:///etc/passwd' });
    expect(String((error as Error).cause)).toMatch(/unsupported protocol file:/);
    expect(received.length).toBe(before);
  });
});
