// Runs in the renderer. Areas whose features arrive in later issues.
import { Result } from 'antd';
import type { MessageKey } from '../../../shared/i18n/index.js';
import { useT } from '../i18n.js';

export function PlaceholderPage({ title }: { title: MessageKey }) {
  const t = useT();
  return <Result status="info" title={t(title)} subTitle={t('shell.comingSoon')} data-testid="placeholder" />;
}
