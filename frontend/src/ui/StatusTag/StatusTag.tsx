// A status label in a colour white text can be read on (WCAG AA contrast: antd-mobile's
// preset tag colours are lighter than that).
import { Tag } from 'antd-mobile';
import type { ReactNode } from 'react';

const TONES = {
  success: '#1a7f37',
  danger: '#b42318',
  primary: '#1557c0',
  warning: '#8a5a00',
  default: '#595959',
} as const;

export type Tone = keyof typeof TONES;

export function StatusTag({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <Tag color={TONES[tone]}>{children}</Tag>;
}
