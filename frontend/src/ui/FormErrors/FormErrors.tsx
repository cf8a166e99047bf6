// Errors about a whole form, or why sending it failed, announced to screen readers.
import { NoticeBar } from 'antd-mobile';
import type { CombinedError } from 'urql';

import { useMessages } from '../../i18n/messages';
import { messages as texts } from './messages';

export interface FormErrorsProps {
  messages?: readonly string[];
  /** The request's failure (network or server), if it did not reach an answer. */
  failure?: CombinedError | null;
}

export function FormErrors({ messages = [], failure = null }: FormErrorsProps) {
  const t = useMessages(texts);
  const shown = failure ? [failure.networkError ? t('network') : t('server'), ...messages] : messages;
  if (shown.length === 0) return null;
  return (
    <div role="alert">
      {shown.map((message) => (
        <NoticeBar key={message} content={message} color="alert" wrap />
      ))}
    </div>
  );
}
