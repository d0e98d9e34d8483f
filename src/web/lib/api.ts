/** The one way the web talks to the server: JSON over fetch, cookies, CSRF echo, problem+json errors. */

export interface FieldProblem {
  path: string;
  message: string;
}

/** RFC 9457 problem details as the server sends them (plus `current` on stale versions). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  requestId?: string;
  errors?: FieldProblem[];
  current?: unknown;
  [key: string]: unknown;
}

export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly problem: Problem,
  ) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
  }

  /** Someone else saved the record first; `problem.current` holds the fresh copy. */
  get isStaleVersion(): boolean {
    return this.status === 409 && this.problem.type.endsWith('/stale-version');
  }

  get fieldErrors(): FieldProblem[] {
    return this.problem.errors ?? [];
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, QueryValue>;
  /** A 401 normally sends the person to sign-in; sign-in itself answers 401 for a wrong password. */
  redirectOnUnauthenticated?: boolean;
  signal?: AbortSignal;
}

let unauthenticatedHandler: (() => void) | null = null;

/** Called once at start-up: what to do when the session has ended (go to sign-in). */
export function setUnauthenticatedHandler(handler: () => void): void {
  unauthenticatedHandler = handler;
}

export const CSRF_COOKIE = 'verity_csrf';

function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function readProblem(response: Response): Promise<Problem> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as Partial<Problem>;
      return {
        ...body,
        type: body.type ?? 'about:blank',
        title: body.title ?? response.statusText,
        status: body.status ?? response.status,
        detail: body.detail ?? body.title ?? 'The request failed.',
      };
    } catch {
      // fall through to the generic problem below
    }
  }
  return {
    type: 'about:blank',
    title: response.statusText || 'Request failed',
    status: response.status,
    detail:
      response.status >= 500
        ? 'The server had a problem. Try again in a moment.'
        : `The request failed (${response.status}).`,
  };
}

let serverClockSkewMs = 0;

/**
 * The server's time now, as learned from the Date header of its last answer. Deadline clocks count against
 * the server's clock (which tests may move), not the browser's.
 */
export function serverNow(): number {
  return Date.now() + serverClockSkewMs;
}

function learnServerClock(response: Response): void {
  const date = Date.parse(response.headers.get('date') ?? '');
  // The header has whole seconds: half a second is the best guess of where in that second it was sent.
  if (!Number.isNaN(date)) serverClockSkewMs = date + 500 - Date.now();
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  // A FormData body (file uploads) sets its own multipart content type, boundary included.
  const isForm = typeof FormData !== 'undefined' && options.body instanceof FormData;
  if (options.body !== undefined && !isForm) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers['x-csrf-token'] = csrf;
  }
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body:
        options.body === undefined
          ? undefined
          : isForm
            ? (options.body as FormData)
            : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, {
      type: 'about:blank',
      title: 'Cannot reach Verity',
      status: 0,
      detail: 'The server could not be reached. Check your connection and try again.',
    });
  }
  learnServerClock(response);
  if (!response.ok) {
    const problem = await readProblem(response);
    if (response.status === 401 && options.redirectOnUnauthenticated !== false) unauthenticatedHandler?.();
    throw new ApiError(response.status, problem);
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Every list endpoint answers one page and the cursor of the next. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
