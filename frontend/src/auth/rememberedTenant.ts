// The company code last signed in with, so that a franchisee types it once per device.
const KEY = 'peihuo.tenant';

export function rememberedTenant(): string {
  try {
    return window.localStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

export function rememberTenant(tenant: string): void {
  try {
    window.localStorage.setItem(KEY, tenant);
  } catch {
    // Storage disabled: the form is simply empty next time.
  }
}
