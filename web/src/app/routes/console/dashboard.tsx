import { ROLE_LABELS } from '@hqe/core';
import { Card, Descriptions, Flex } from 'antd';
import { ErrorBoundary } from '../../../components/error-boundary';
import { PageTitle } from '../../../components/page-title';
import { SectionCard } from '../../../components/section-card';
import { StatusTag } from '../../../components/status-tag';
import { PhaseCalendar } from '../../../features/catalog';
import { formatShanghaiToday } from '../../../lib/format';
import { appMessages } from '../../messages';
import { useConsoleAccount } from './context';

const m = appMessages.console;

/** 工作台: who is logged in, in which role and area, today's date, and the area's calendar. */
export function DashboardPage() {
  const account = useConsoleAccount();
  const calendarTitle = account.examArea ? m.calendarTitle : m.calendarTitleAll;
  return (
    <>
      <PageTitle title={m.dashboardTitle} section="console" />
      <h1 className="page-title">{m.dashboardTitle}</h1>
      <div className="stack">
        <Card className="welcome-card">
          <p className="welcome">{m.welcome(account.displayName)}</p>
          <Descriptions
            column={{ xs: 1, sm: 1, md: 3 }}
            items={[
              {
                key: 'roles',
                label: m.yourRoles,
                children: (
                  <Flex gap={4} wrap>
                    {account.roles.map((role) => (
                      <StatusTag key={role} tone="info">
                        {ROLE_LABELS[role]}
                      </StatusTag>
                    ))}
                  </Flex>
                ),
              },
              { key: 'area', label: m.yourArea, children: account.examArea?.name ?? m.allAreas },
              { key: 'today', label: m.today, children: formatShanghaiToday() },
            ]}
          />
        </Card>
        <SectionCard title={calendarTitle}>
          <ErrorBoundary region={calendarTitle}>
            <PhaseCalendar areaId={account.examArea?.id ?? null} />
          </ErrorBoundary>
        </SectionCard>
      </div>
    </>
  );
}
