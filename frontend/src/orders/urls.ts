// URLs of the order history and of one order.
export const ordersPath = '/orders';
export const orderPath = '/orders/:orderId';

export function ordersUrl(): string {
  return ordersPath;
}

export function orderUrl(orderId: string): string {
  return `${ordersPath}/${encodeURIComponent(orderId)}`;
}

/** The order as a spreadsheet (GET, authenticated like /graphql). */
export function orderExportUrl(orderId: string): string {
  return `${ordersPath}/${encodeURIComponent(orderId)}/export.xlsx`;
}
