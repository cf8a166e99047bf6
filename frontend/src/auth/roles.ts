// Roles as the login response names them (lower case) and as GraphQL does (upper case).
export function isFranchisee(role: string): boolean {
  return role.toLowerCase() === 'franchisee';
}
