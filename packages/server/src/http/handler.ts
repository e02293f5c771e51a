import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { operations } from '@boh/sdk/types';
import type { Principal } from '../auth/roles.js';
import type { BohDatabase } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import type { Language } from '../i18n/language.js';
import type { Actor } from '../audit/record.js';

export type OperationId = keyof operations;

type ParametersOf<K extends OperationId> = operations[K]['parameters'];
type PathOf<K extends OperationId> = ParametersOf<K> extends { path: infer P } ? NonNullable<P> : Record<string, never>;
type QueryOf<K extends OperationId> = ParametersOf<K> extends { query?: infer Q } ? NonNullable<Q> : Record<string, never>;
type BodyOf<K extends OperationId> = operations[K] extends { requestBody: { content: { 'application/json': infer B } } }
  ? B
  : operations[K] extends { requestBody?: { content: { 'application/json': infer B } } }
    ? B | undefined
    : undefined;

type SuccessStatus = 200 | 201 | 202 | 204;
type ResponsesOf<K extends OperationId> = operations[K]['responses'];
type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : undefined;

/** What a handler returns: one of the operation's success statuses with its body type. */
export type HandlerResult<K extends OperationId> = {
  [S in Extract<keyof ResponsesOf<K>, SuccessStatus>]: {
    status: S;
    body: JsonOf<ResponsesOf<K>[S]>;
    headers?: Record<string, string>;
  };
}[Extract<keyof ResponsesOf<K>, SuccessStatus>];

/** Everything a handler gets: the validated request, the caller and the database. */
export interface HandlerContext<K extends OperationId> {
  params: PathOf<K>;
  query: QueryOf<K>;
  /** Request headers, with lower-case names as Node.js delivers them. */
  headers: Record<string, string | undefined>;
  body: BodyOf<K>;
  /** Undefined only for public operations such as getHealth. */
  principal: Principal;
  actor: Actor;
  language: Language;
  requestId: string;
  /** The transaction of the request for POST, PATCH, PUT and DELETE; the pool for GET. */
  db: Kysely<Database>;
  database: BohDatabase;
  log: FastifyBaseLogger;
  /** The server's clock; tests inject one to drive time without sleeping. */
  now: () => Date;
}

export type Handler<K extends OperationId> = (context: HandlerContext<K>) => Promise<HandlerResult<K>>;

/** One handler per operation of the contract; the compiler reports any that is missing. */
export type HandlerMap = { [K in OperationId]: Handler<K> };
