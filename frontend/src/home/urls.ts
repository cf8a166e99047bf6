// URLs of the franchisee's home.
export const homePath = '/';

export function homeUrl(): string {
  return homePath;
}
