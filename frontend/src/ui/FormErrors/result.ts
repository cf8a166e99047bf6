// What a page hands back to a form after sending it: the API's userErrors, or why it failed.
import type { CombinedError } from 'urql';

import type { UserErrorLike } from './fieldErrors';

export interface SubmitResult {
  userErrors: readonly UserErrorLike[];
  failure: CombinedError | null;
}

/** Whether the form's input was taken (nothing refused, nothing failed). */
export function succeeded(result: SubmitResult): boolean {
  return result.failure === null && result.userErrors.length === 0;
}

/** The result of a mutation whose payload carries userErrors. */
export function submitResult(
  payload: { userErrors: readonly UserErrorLike[] } | null | undefined,
  error: CombinedError | undefined,
): SubmitResult {
  return { userErrors: payload?.userErrors ?? [], failure: error ?? null };
}
