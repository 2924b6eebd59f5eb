import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Grid } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { ReactNode } from 'react';
import { queryClient } from '../lib/query-client';
import { theme } from './theme';

dayjs.locale('zh-cn');

/** Locale, theme, message/modal context and the query client for the whole app. */
export function AppProvider({ children }: { children: ReactNode }) {
  const screens = Grid.useBreakpoint();
  // Larger controls on phones: touch targets of at least 40 px.
  const componentSize = screens.md === false ? 'large' : 'middle';
  return (
    <ConfigProvider
      locale={zhCN}
      theme={theme}
      componentSize={componentSize}
      button={{ autoInsertSpace: false }}
    >
      <AntApp component={false}>
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
