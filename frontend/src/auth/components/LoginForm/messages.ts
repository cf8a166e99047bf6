import { defineMessages } from '../../../i18n/messages';

export const messages = defineMessages(
  'auth.LoginForm',
  {
    tenant: 'Company code',
    tenantHint: 'The short name of your brand, e.g. taozi',
    email: 'E-mail',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    required: 'Please fill in {{field}}',
    refused: 'Unknown company code, e-mail or password.',
    throttled: 'Too many failed attempts. Try again in {{minutes}} min.',
    invalid: 'Please check what you entered.',
    network: 'No connection to the server. Check your network and try again.',
    server: 'The server could not sign you in just now. Try again shortly.',
  },
  {
    tenant: '企业代码',
    tenantHint: '品牌的简称，例如 taozi',
    email: '邮箱',
    password: '密码',
    submit: '登录',
    submitting: '正在登录…',
    required: '请填写{{field}}',
    refused: '企业代码、邮箱或密码不正确。',
    throttled: '失败次数过多，请 {{minutes}} 分钟后再试。',
    invalid: '请检查填写的内容。',
    network: '无法连接服务器，请检查网络后重试。',
    server: '服务器暂时无法登录，请稍后再试。',
  },
);
