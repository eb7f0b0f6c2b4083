import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppContext, TresenApp } from '../app-context';
import type { Access } from '../contract/define';
import type { Session } from '../core/session';

/** The running app as the loopback server and its routes see it. */
export interface ServedApp extends TresenApp {
  readonly context: AppContext;
  /** Local HTTP API routes (served next to the UI by the loopback server). */
  readonly httpRoutes: HttpRoute[];
}

/** A loopback HTTP route; `match` is the RegExp result of `path`. */
export interface HttpRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: RegExp;
  /** Largest body this route reads (default: JSON_BODY_LIMIT; file routes set more). */
  maxBodyBytes?: number;
  /** Who may call it (default `staff`); checked by the server before `handle`, as for contract methods. */
  access?: Access;
  /** Record each call in the access log (exports, erasure, statistics). */
  audit?: boolean;
  handle(ctx: RouteContext): Promise<void> | void;
}

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  match: RegExpExecArray;
  app: ServedApp;
  /** Reads the JSON body (bounded by the route's maxBodyBytes or JSON_BODY_LIMIT); throws BodyError on bad JSON. */
  body(maxBytes?: number): Promise<unknown>;
  /** Who is calling: the scope idempotency keys are kept under (the token today, an API key later). */
  caller: string;
  /** The caller as a session (the local API: no profile, signs as the API caller). */
  session: Session;
}
