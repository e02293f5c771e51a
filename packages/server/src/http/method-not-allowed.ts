import type { Contract } from './contract.js';

/**
 * The methods the contract offers on `path` (a concrete URL path such as `/regions/EAST`), so a
 * request with another method gets 405 and an Allow header rather than 404.
 */
export function methodNotAllowed(contract: Contract, path: string): string[] {
  const methods = new Set<string>();
  for (const operation of contract.operations) {
    const pattern = new RegExp(`^${operation.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);
    if (pattern.test(path)) methods.add(operation.method.toUpperCase());
  }
  return [...methods].sort();
}
