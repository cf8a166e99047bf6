// URLs of the franchisee's message thread.
export const messagesPath = '/messages';

export function messagesUrl(): string {
  return messagesPath;
}
