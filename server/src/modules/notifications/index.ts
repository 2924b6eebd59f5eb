export type { NotificationChannel, NotificationMessage } from './notification-channel';
export { createInAppChannel, createEmailChannel } from './channels';
export {
  createNotificationService,
  NOTIFICATION_JOB,
  type NotificationService,
} from './notifications.service';
export { notificationRoutes } from './notifications.routes';
