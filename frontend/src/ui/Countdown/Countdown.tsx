// Time left until a deadline, counting down each minute: "2 days 3 h left", or "overdue".
import { useEffect, useState } from 'react';

import { useFormat } from '../../i18n/format';
import { useMessages } from '../../i18n/messages';
import { messages } from './messages';
import { timeLeft } from './timeLeft';

export function Countdown({ deadline, now: fixedNow }: { deadline: string; now?: Date }) {
  const t = useMessages(messages);
  const format = useFormat();
  const [now, setNow] = useState(() => fixedNow ?? new Date());
  useEffect(() => {
    if (fixedNow) return;
    const timer = window.setInterval(() => {
      setNow(new Date());
    }, 30_000);
    return () => {
      window.clearInterval(timer);
    };
  }, [fixedNow]);
  const left = timeLeft(new Date(deadline), now);
  const urgent = left !== null && left.days === 0;
  const text = !left
    ? t('overdue')
    : left.days > 0
      ? t('daysHours', { days: left.days, hours: left.hours })
      : t('hoursMinutes', { hours: left.hours, minutes: left.minutes });
  return (
    <span>
      <time dateTime={deadline} title={format.dateTime(deadline)}>
        <strong style={{ color: urgent || !left ? '#a8071a' : undefined }}>{text}</strong>
      </time>{' '}
      <span style={{ color: 'var(--adm-color-weak)' }}>
        ({t('until', { when: format.dateTime(deadline) })})
      </span>
    </span>
  );
}
