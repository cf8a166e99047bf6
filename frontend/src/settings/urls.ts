// URLs of the franchisee's settings.
export const settingsPath = '/settings';

export function settingsUrl(): string {
  return settingsPath;
}
