import { defineMessages } from '../../i18n/messages';

export const messages = defineMessages(
  'auth.LoginPage',
  {
    title: 'Sign in to Peihuo',
    subtitle: 'Your store’s orders, deliveries and merchandiser in one place.',
    expired: 'Your session has ended. Please sign in again.',
  },
  {
    title: '登录配货',
    subtitle: '门店的订货、配送和专属配货师，尽在一处。',
    expired: '登录已过期，请重新登录。',
  },
);
