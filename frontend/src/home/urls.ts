// URLs of the franchisee's home, and of the pages it points to.
export const homePath = '/';

export function homeUrl(): string {
  return homePath;
}

// The pages of the franchisee's other tabs (Deliveries, Messages, Complaints), by their paths.
export const deliveriesHref = '/deliveries';
export const messagesHref = '/messages';
export const complaintsHref = '/complaints';
