// URLs of the franchisee's proposal: the open one, or one by its id.
export const proposalPath = '/proposal';
export const proposalByIdPath = '/proposal/:orderId';

export function proposalUrl(orderId?: string): string {
  return orderId ? `${proposalPath}/${encodeURIComponent(orderId)}` : proposalPath;
}
