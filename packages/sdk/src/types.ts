// The contract's types, generated from openapi/ by openapi-typescript (`npm run gen:types`).
export type { components, operations, paths } from './generated/openapi.js';
