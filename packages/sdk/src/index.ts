export type { components, operations, paths } from './types.js';
