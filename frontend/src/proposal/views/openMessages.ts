import { defineMessages } from '../../i18n/messages';

export const messages = defineMessages(
  'proposal.OpenProposalPage',
  {
    title: 'Proposal',
    none: 'No proposal is waiting for you.',
    later: 'Your merchandiser will send the next one; you will be told.',
  },
  {
    title: '配货单',
    none: '目前没有待确认的配货单。',
    later: '配货师发出下一张时会通知您。',
  },
);
