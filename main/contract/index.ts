import type { z } from 'zod';
import { backupEvents, backupMethods } from './backup';
import { botEvents, botMethods } from './bot';
import { caseEvents, caseMethods } from './cases';
import { complianceEvents, complianceMethods } from './compliance';
import { consentEvents, consentMethods } from './consent';
import { coreEvents, coreMethods } from './core';
import { inboxEvents, inboxMethods } from './inbox';
import { lineEvents, lineMethods } from './line';
import { setupMethods } from './setup';
import { managerMethods } from './manager';
import { uiMethods } from './ui';
import { rolesMethods } from './roles';
import { webhookEvents, webhookMethods } from './webhooks';
import type { MethodSpec } from './define';

/**
 * The one API contract. Main (router), preload (window.tresen), the WebSocket
 * transport and the renderer all derive from these two objects; no transport
 * spells a method or event name by hand.
 *
 * Each area keeps its methods in its own file and is merged here.
 */
export const methods = {
  ...coreMethods,
  ...consentMethods,
  ...lineMethods,
  ...uiMethods,
  ...inboxMethods,
  ...caseMethods,
  ...botMethods,
  ...setupMethods,
  ...managerMethods,
  ...complianceMethods,
  ...rolesMethods,
  ...backupMethods,
  ...webhookMethods,
} as const satisfies Record<string, MethodSpec>;

export const events = {
  ...coreEvents,
  ...consentEvents,
  ...lineEvents,
  ...inboxEvents,
  ...caseEvents,
  ...botEvents,
  ...complianceEvents,
  ...backupEvents,
  ...webhookEvents,
} as const satisfies Record<string, z.ZodType>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const methodNames = Object.keys(methods) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];

export const isMethodName = (name: unknown): name is MethodName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);

/** IPC channel for a method; the only place the prefix is spelled. */
export const ipcChannel = (name: MethodName): string => `tresen:${name}`;
export const IPC_EVENT_CHANNEL = 'tresen:event';

export * from './models';
export * from './consent';
export * from './line';
export * from './reliability';
export * from './text';
export * from './locales';
export * from './inbox';
export * from './cases';
export * from './bot';
export * from './setup';
export * from './manager';
export * from './compliance';
export * from './roles';
export * from './backup';
export * from './webhooks';
