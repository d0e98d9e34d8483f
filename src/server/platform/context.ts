import type { Clock } from './clock.js';

/** Who is acting: a signed-in user (session cookie) or an integration (API token). */
export interface Principal {
  userId: string;
  name: string;
  email: string;
  roleKey: string;
  roleName: string;
  permissions: ReadonlySet<string>;
  /** May see records of every business area. */
  allAreas: boolean;
  areaIds: readonly string[];
  teamIds: readonly string[];
  authorityLimitCents: number;
  via: 'session' | 'token';
  sessionId?: string;
  tokenId?: string;
  csrfToken?: string;
}

/** What a service needs to know about the request it serves. */
export interface RequestContext {
  principal: Principal | null;
  requestId: string;
  ip: string;
  userAgent: string;
}

/** A context for work not caused by a person: jobs, start-up, scripts. */
export function systemContext(requestId = 'system'): RequestContext {
  return { principal: null, requestId, ip: '', userAgent: '' };
}

export interface ActorStamp {
  actorId: string | null;
  actorLabel: string;
  requestId: string;
  at: Date;
}

export function actorOf(ctx: RequestContext, clock: Clock): ActorStamp {
  const p = ctx.principal;
  return {
    actorId: p?.userId ?? null,
    actorLabel: p ? `${p.name} <${p.email}>${p.via === 'token' ? ' (API token)' : ''}` : 'system',
    requestId: ctx.requestId,
    at: clock.now(),
  };
}

/** True when the principal may see records of this business area. */
export function canSeeArea(p: Principal | null, areaId: string | null | undefined): boolean {
  if (!p) return false;
  if (p.allAreas) return true;
  return !!areaId && p.areaIds.includes(areaId);
}
