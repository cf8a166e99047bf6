// Rating a delivery once: the survey's four factors and overall, 1 to 5, and a comment. After
// it is sent (or when it was answered before) the answer is shown, not asked again.
import { Button, TextArea } from 'antd-mobile';
import { useState } from 'react';
import type { CombinedError } from 'urql';

import { type FragmentType, readFragment } from '../../../graphql/generated';
import { useFormat } from '../../../i18n/format';
import { useMessages } from '../../../i18n/messages';
import { useDraft } from '../../../ui/draft';
import { sortUserErrors, type UserErrorLike } from '../../../ui/FormErrors/fieldErrors';
import { FormErrors } from '../../../ui/FormErrors/FormErrors';
import { type Factor, FACTORS, type SurveyValues } from './factors';
import { SurveyFormFragment } from './fragments';
import { messages } from './messages';
import { ScoreInput } from './ScoreInput';
import styles from './SurveyForm.module.css';

type Draft = Record<Factor, number | null> & { comment: string };
const EMPTY: Draft = {
  overall: null,
  pickAccuracy: null,
  timeliness: null,
  goodsQuality: null,
  valueForMoney: null,
  comment: '',
};

export interface SubmitResult {
  userErrors: readonly UserErrorLike[];
  failure?: CombinedError | null;
}

export interface SurveyFormProps {
  /** The order being rated (keys the draft kept on this device). */
  orderId: string;
  /** The answer, once given. */
  survey: FragmentType<typeof SurveyFormFragment> | null;
  onSubmit: (values: SurveyValues) => Promise<SubmitResult>;
}

export function SurveyForm({ orderId, survey: ref, onSubmit }: SurveyFormProps) {
  const t = useMessages(messages);
  const format = useFormat();
  const survey = ref ? readFragment(SurveyFormFragment, ref) : null;
  const [draft, setDraft, clearDraft] = useDraft<Draft>(`survey.${orderId}`, EMPTY);
  const [result, setResult] = useState<SubmitResult | null>(null);
  const [missing, setMissing] = useState(false);
  const [sending, setSending] = useState(false);

  if (survey?.answered) {
    return (
      <section aria-label={t('overall')}>
        {result && <p role="status">{t('thanks')}</p>}
        {FACTORS.map((factor) => (
          <ScoreInput
            key={factor}
            name={factor}
            legend={t(factor)}
            value={survey[factor]}
            scoreLabel={(score) => t('score', { score })}
          />
        ))}
        {survey.comment && <blockquote>{survey.comment}</blockquote>}
        {survey.answeredAt && <p>{t('answeredOn', { date: format.dateTime(survey.answeredAt) })}</p>}
      </section>
    );
  }

  const sorted = sortUserErrors(result?.userErrors ?? [], [...FACTORS, 'comment']);
  const send = async () => {
    if (FACTORS.some((factor) => draft[factor] === null)) {
      setMissing(true);
      return;
    }
    setMissing(false);
    setSending(true);
    const values = { ...draft } as SurveyValues;
    const answer = await onSubmit(values);
    setSending(false);
    setResult(answer);
    if (!answer.failure && answer.userErrors.length === 0) clearDraft();
  };

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <FormErrors
        messages={[...(missing ? [t('missing')] : []), ...sorted.general]}
        failure={result?.failure}
      />
      {FACTORS.map((factor) => (
        <ScoreInput
          key={factor}
          name={factor}
          legend={t(factor)}
          value={draft[factor]}
          scoreLabel={(score) => t('score', { score })}
          error={sorted.byField[factor]?.join(' ')}
          onChange={(score) => {
            setDraft({ ...draft, [factor]: score });
          }}
        />
      ))}
      <label className={styles.comment} htmlFor="survey-comment">
        {t('comment')}
      </label>
      <TextArea
        id="survey-comment"
        value={draft.comment}
        placeholder={t('commentPlaceholder')}
        maxLength={2000}
        rows={3}
        onChange={(comment) => {
          setDraft({ ...draft, comment });
        }}
      />
      {sorted.byField.comment && <p className={styles.error}>{sorted.byField.comment.join(' ')}</p>}
      <Button type="submit" color="primary" block loading={sending} style={{ marginTop: 12 }}>
        {t('send')}
      </Button>
    </form>
  );
}
