import {
  AppstoreOutlined,
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  CalendarOutlined,
  ClusterOutlined,
  CommentOutlined,
  DashboardOutlined,
  FileSearchOutlined,
  EnvironmentOutlined,
  HistoryOutlined,
  KeyOutlined,
  MailOutlined,
  MessageOutlined,
  NotificationOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { AccountView } from '@hqe/core';
import type { ReactNode } from 'react';
import { canManageReviewReasons, canUseReview, reviewMessages } from '../../../features/review';
import {
  canViewReviewDashboard,
  reviewOversightMessages,
} from '../../../features/review-oversight';
import { canAdministerExamArea, canManageStaff, canViewAudit } from '../../../lib/permissions';
import { appMessages } from '../../messages';

const m = appMessages.console;

export interface NavItem {
  key: string;
  path: string;
  label: string;
  icon: ReactNode;
}

/** The console menu: only what this account may use (only 修改密码 while it must change it). */
export function navItemsFor(account: AccountView): NavItem[] {
  const password: NavItem = {
    key: 'password',
    path: '/console/password',
    label: m.password,
    icon: <KeyOutlined />,
  };
  if (account.mustChangePassword) return [password];
  const items: NavItem[] = [
    { key: 'dashboard', path: '/console', label: m.dashboard, icon: <DashboardOutlined /> },
  ];
  if (canUseReview(account)) {
    items.push({
      key: 'review',
      path: '/console/review',
      label: reviewMessages.queueNav,
      icon: <FileSearchOutlined />,
    });
  }
  if (canViewReviewDashboard(account.roles)) {
    items.push({
      key: 'review-dashboard',
      path: '/console/review-dashboard',
      label: reviewOversightMessages.nav,
      icon: <BarChartOutlined />,
    });
  }
  if (canManageReviewReasons(account)) {
    items.push({
      key: 'review-reasons',
      path: '/console/review-reasons',
      label: reviewMessages.reasonsNav,
      icon: <CommentOutlined />,
    });
  }
  if (canAdministerExamArea(account.roles)) {
    items.push(
      {
        key: 'exam-areas',
        path: '/console/exam-areas',
        label: m.examAreasAdmin,
        icon: <ClusterOutlined />,
      },
      {
        key: 'cycles',
        path: '/console/cycles',
        label: m.cyclesAdmin,
        icon: <ScheduleOutlined />,
      },
      {
        key: 'calendar',
        path: '/console/calendar',
        label: m.calendarAdmin,
        icon: <CalendarOutlined />,
      },
      {
        key: 'notices',
        path: '/console/notices',
        label: m.noticesAdmin,
        icon: <NotificationOutlined />,
      },
      {
        key: 'test-sites',
        path: '/console/test-sites',
        label: m.testSitesAdmin,
        icon: <EnvironmentOutlined />,
      },
      {
        key: 'offerings',
        path: '/console/offerings',
        label: m.offeringsAdmin,
        icon: <AppstoreOutlined />,
      },
      {
        key: 'specialties',
        path: '/console/specialties',
        label: m.specialtiesAdmin,
        icon: <BookOutlined />,
      },
      {
        key: 'previous-results',
        path: '/console/previous-results',
        label: m.previousResultsAdmin,
        icon: <HistoryOutlined />,
      },
      {
        key: 'eligibility-rules',
        path: '/console/eligibility-rules',
        label: m.areaRulesAdmin,
        icon: <SafetyCertificateOutlined />,
      },
      {
        key: 'notification-templates',
        path: '/console/notification-templates',
        label: m.notificationTemplates,
        icon: <MessageOutlined />,
      },
      {
        key: 'notification-messages',
        path: '/console/notification-messages',
        label: m.notificationMessages,
        icon: <MailOutlined />,
      },
    );
  }
  if (canManageStaff(account.roles)) {
    items.push({ key: 'staff', path: '/console/staff', label: m.staff, icon: <TeamOutlined /> });
  }
  if (canViewAudit(account.roles)) {
    items.push({ key: 'audit', path: '/console/audit', label: m.audit, icon: <AuditOutlined /> });
  }
  items.push(password);
  return items;
}

/** The menu key of the current path ('' when none matches, e.g. on a 404). */
export function selectedKeyOf(pathname: string, items: NavItem[]): string {
  const path = pathname.replace(/\/+$/, '') || '/';
  const exact = items.find((item) => item.path === path);
  // A page under a menu entry (e.g. /console/review/123) keeps that entry selected.
  const parent = items.find((item) => item.path !== '/console' && path.startsWith(`${item.path}/`));
  return (exact ?? parent)?.key ?? '';
}
