import { defineMessages } from '../../../i18n/messages';

export const messages = defineMessages(
  'staff.StaffTools',
  {
    title: 'Your tools',
    intro:
      'The web portal is for franchisees. As {{role}} at {{tenant}}, you work in the merchandiser console and on the command line.',
    consoleTitle: 'Merchandiser console',
    consoleBody:
      'GraphiQL on the API, with example operations in tabs: your stores and their service passports, budgets, contacts, recommendation runs and proposals, workload. You are signed in there too.',
    consoleOpen: 'Open the console',
    cliTitle: 'Command line (head office)',
    cliBody:
      'peihuo import and peihuo export move stores, products, stock and sales as CSV or Excel; peihuo recommend runs the recommendation engine.',
    integrationsTitle: 'Integrations',
    integrationsBody:
      'POS, ERP and carriers connect with API keys, OAuth2 client credentials and signed webhooks (head office manages them in the console).',
    role_MERCHANDISER: 'a merchandiser',
    role_REGIONAL_MANAGER: 'a regional manager',
    role_HQ_ADMIN: 'an HQ administrator',
    role_PLATFORM_ADMIN: 'a platform administrator',
    role_OTHER: 'a member',
  },
  {
    title: '我的工具',
    intro: '网页门户供加盟商使用。您是{{tenant}}的{{role}}，请在配货师控制台和命令行中工作。',
    consoleTitle: '配货师控制台',
    consoleBody:
      '基于 API 的 GraphiQL，示例操作在各个标签页中：您负责的门店及其服务档案、预算、联系记录、推荐运行与提案、工作量。您在那里同样已登录。',
    consoleOpen: '打开控制台',
    cliTitle: '命令行（总部）',
    cliBody:
      'peihuo import 和 peihuo export 以 CSV 或 Excel 导入导出门店、商品、库存和销售；peihuo recommend 运行推荐引擎。',
    integrationsTitle: '系统对接',
    integrationsBody:
      'POS、ERP 和承运商通过 API 密钥、OAuth2 客户端凭证和签名 Webhook 接入（总部在控制台中管理）。',
    role_MERCHANDISER: '配货师',
    role_REGIONAL_MANAGER: '大区经理',
    role_HQ_ADMIN: '总部管理员',
    role_PLATFORM_ADMIN: '平台管理员',
    role_OTHER: '成员',
  },
);
