import { defineMessages } from '../../i18n/messages';

export const messages = defineMessages(
  'ui.StoreSwitch',
  {
    label: 'Store',
    noStore: 'No store is linked to your account yet: ask your merchandiser or head office.',
  },
  { label: '门店', noStore: '您的账号还没有关联门店，请联系您的配货师或总部。' },
);
