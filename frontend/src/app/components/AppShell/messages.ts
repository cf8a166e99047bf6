import { defineMessages } from '../../../i18n/messages';

export const messages = defineMessages(
  'app.AppShell',
  {
    brand: 'Peihuo',
    navigation: 'Main',
    home: 'Home',
    proposal: 'Proposal',
    orders: 'Orders',
    staffTools: 'Your tools',
    signOut: 'Sign out',
    signedInAs: 'Signed in as {{name}}',
    skipToContent: 'Skip to content',
  },
  {
    brand: '配货',
    navigation: '主导航',
    home: '首页',
    proposal: '配货单',
    orders: '订单',
    staffTools: '我的工具',
    signOut: '退出登录',
    signedInAs: '当前用户：{{name}}',
    skipToContent: '跳到正文',
  },
);
