import { defineMessages } from '../../i18n/messages';

export const messages = defineMessages(
  'home.HomePage',
  {
    greeting: 'Hello, {{name}}',
    greetingNoName: 'Hello',
    myStores: 'My stores',
    noStores: 'No store is linked to your account yet: ask your merchandiser or head office.',
  },
  {
    greeting: '{{name}}，您好',
    greetingNoName: '您好',
    myStores: '我的门店',
    noStores: '您的账号还没有关联门店，请联系您的配货师或总部。',
  },
);
