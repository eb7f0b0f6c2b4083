import { z } from 'zod';
import { ERROR_STATUS } from '../contract/errors';
import type { HttpRoute } from './http-route';

type Json = Record<string, unknown>;

/** A zod schema as JSON Schema (zod's own converter); what cannot be expressed becomes "any". */
function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Json {
  try {
    const out = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
    delete out.$schema;
    return out;
  } catch {
    return {};
  }
}

/** `^\/api\/v1\/cases\/([^/]+)\/label\.pdf$` → `/api/v1/cases/{p1}/label.pdf` for routes without a doc. */
export function pathOf(route: HttpRoute): string {
  if (route.doc) return route.doc.path;
  let n = 0;
  return route.path.source
    .replace(/^\^/, '')
    .replace(/\$$/, '')
    .replace(/\((?!\?)(?:[^()\\]|\\.)*\)/g, () => `{p${++n}}`)
    .replace(/\\(.)/g, '$1');
}

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

/**
 * The OpenAPI 3.1 document of the local API, generated from the routes and
 * the zod schemas they validate with (served at /api/v1/openapi.json).
 */
export function openApiDocument(routes: readonly HttpRoute[], version: string): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const route of routes) {
    if (!route.path.source.includes('api\\/v1') && !route.path.source.includes('api/v1')) continue;
    const path = pathOf(route);
    const doc = route.doc;
    const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const access = route.access ?? 'staff';
    const op: Json = {
      summary: doc?.summary ?? `${route.method} ${path}`,
      'x-access': access === 'manager' ? 'manager' : 'integration',
      'x-audit': route.audit === true,
      ...(params.length > 0 ? { parameters: params } : {}),
    };
    if (doc?.query) {
      const q = schemaOf(doc.query, 'input') as { properties?: Record<string, Json>; required?: string[] };
      const extra = Object.entries(q.properties ?? {}).map(([name, schema]) => ({ name, in: 'query', required: q.required?.includes(name) ?? false, schema }));
      op.parameters = [...params, ...extra];
    }
    if (doc?.body) op.requestBody = { required: true, content: { 'application/json': { schema: schemaOf(doc.body, 'input') } } };
    const ok = String(doc?.status ?? 200);
    const responses: Json = {
      [ok]: doc?.produces
        ? { description: 'OK', content: { [doc.produces]: {} } }
        : doc?.response
          ? { description: 'OK', content: { 'application/json': { schema: schemaOf(doc.response, 'output') } } }
          : { description: 'OK' },
      '400': errorResponse('validation: the input does not fit; `field` names it'),
      '401': errorResponse('unauthorized: no key, an unknown or a revoked key'),
      '403': errorResponse(access === 'manager' ? 'forbidden: this needs a key of scope manager' : 'forbidden, or consent_required'),
      '429': errorResponse('rate_limited: slow down (Retry-After)'),
    };
    op.responses = responses;
    (paths[path] ??= {})[route.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tresen local API',
      version,
      description:
        'Loopback only. Authorization: Bearer KEY (an API key a manager created; in serve mode also the start token). ' +
        'x-access says which key scope may call an operation: integration (and manager) or manager only.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error', 'message'],
          properties: {
            error: { type: 'string', enum: Object.keys(ERROR_STATUS) },
            message: { type: 'string' },
            field: { type: 'string' },
            reason: { type: 'string' },
            allowed: { type: 'array', items: { type: 'string' } },
          },
        },
      },
    },
    paths,
  };
}
