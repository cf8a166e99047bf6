// Downloading an order as a spreadsheet: the export route is authenticated like /graphql, so
// the file is fetched with the session's token (refreshed first when due) and saved from memory.
import { authorizedFetch } from '../auth/authorizedFetch';
import type { Session } from '../auth/session';
import { orderExportUrl } from './urls';

export class ExportFailed extends Error {}

export async function downloadOrder(
  session: Session,
  orderId: string,
  fetcher: typeof fetch = fetch,
): Promise<string> {
  const response = await authorizedFetch(session, orderExportUrl(orderId), fetcher);
  if (!response.ok) throw new ExportFailed(`export answered ${response.status}`);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'order.xlsx';
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 10_000);
  return name;
}
