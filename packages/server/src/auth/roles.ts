/** The roles a token can have; what each may call is listed per operation in `x-boh-roles`. */
export const ROLES = ['admin', 'finance', 'ops', 'store_manager', 'technician', 'readonly'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** The caller of a request, resolved from its bearer token. */
export interface Principal {
  tokenId: string;
  name: string;
  role: Role;
  /** For store_manager: the only stores it may see or change. Empty for other roles. */
  storeCodes: string[];
}

/** True when the principal may act on data of `storeCode`. */
export function canAccessStore(principal: Principal, storeCode: string | null | undefined): boolean {
  if (principal.role !== 'store_manager') return true;
  return storeCode !== null && storeCode !== undefined && principal.storeCodes.includes(storeCode);
}
