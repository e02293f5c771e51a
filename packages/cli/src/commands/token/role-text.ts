import type { Context } from '../../runtime/context.js';

/**
 * Word a role as `财务（finance）` or `store manager (store_manager)`. The code is left out where
 * the label is the code itself, and a role this CLI has no label for is shown as its code.
 */
export function roleText(context: Context, role: string): string {
  const key = `token.role.${role}`;
  const label = context.t(key);
  if (label === key || label === role) return role;
  return context.t('token.role_with_code', { label, code: role });
}
