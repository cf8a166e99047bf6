// URLs of the staff landing page.
export const staffPath = '/staff';

export function staffUrl(): string {
  return staffPath;
}
