// URLs of the franchisee's complaints.
export const complaintsPath = '/complaints';
export const newComplaintPath = '/complaints/new';

export function complaintsUrl(): string {
  return complaintsPath;
}

export function newComplaintUrl(): string {
  return newComplaintPath;
}
