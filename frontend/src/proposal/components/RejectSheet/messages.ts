import { defineMessages } from '../../../i18n/messages';

export const messages = defineMessages(
  'proposal.RejectSheet',
  {
    title: 'Reject this proposal',
    why: 'Tell your merchandiser why: the next proposal takes it into account.',
    reason: 'Reason',
    required: 'Please give a reason.',
    cancel: 'Keep the proposal',
    reject: 'Reject the proposal',
  },
  {
    title: '拒绝这张配货单',
    why: '告诉您的配货师原因，下次配货会参考。',
    reason: '原因',
    required: '请填写原因。',
    cancel: '保留配货单',
    reject: '拒绝配货单',
  },
);
