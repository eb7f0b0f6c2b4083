import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
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
  /** What /api/v1/openapi.json says about the route (routes without it are listed from their path). */
  doc?: RouteDoc;
  handle(ctx: RouteContext): Promise<void> | void;
}

/** OpenAPI metadata of a route; the schemas are the ones the route validates with. */
export interface RouteDoc {
  /** The path with named parameters, e.g. /api/v1/keys/{id}. */
  path: string;
  summary: string;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Success status (default 200) and its JSON body. */
  status?: number;
  response?: z.ZodType;
  /** A non-JSON answer, e.g. application/pdf. */
  produces?: string;
}

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  match: RegExpExecArray;
  app: ServedApp;
  /** Reads the JSON body (bounded by the route's maxBodyBytes or JSON_BODY_LIMIT); throws BodyError on bad JSON. */
  body(maxBytes?: number): Promise<unknown>;
  /** Who is calling: the scope idempotency keys are kept under (the start token and the UI share one; each API key has its own). */
  caller: string;
  /** The caller as a session (no profile; signs with the API key's name, or as the local API for the start token). */
  session: Session;
}
