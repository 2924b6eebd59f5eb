export type {
  ChannelReceipt,
  ChannelRecipient,
  NotificationChannel,
  NotificationMessage,
  OutgoingMessage,
} from './notification-channel';
export { ChannelDeliveryError } from './notification-channel';
export { createInAppChannel, createEmailChannel, createSmsChannel } from './channels';
export { createWechatChannel, type WechatMessenger } from './wechat-channel';
export { DEFAULT_DELIVERY_OPTIONS, type DeliveryOptions } from './dispatcher';
export {
  createNotificationService,
  NOTIFICATION_DISPATCH_EVERY_MS,
  NOTIFICATION_DISPATCH_JOB,
  NOTIFICATION_JOB,
  type NotificationService,
  type SendInput,
} from './notifications.service';
export { notificationRoutes } from './notifications.routes';
export { createTodoService, type OpenTodoInput, type TodoService } from './todos.service';
export { todoRoutes } from './todos.routes';
export {
  createReminderJob,
  REMINDER_EVERY_MS,
  REMINDER_JOB,
  RESUBMISSION_REMINDERS,
  resubmitTodo,
  type ReminderJob,
} from './reminders';
export {
  createReviewResultsJob,
  resultText,
  REVIEW_RESULTS_EVERY_MS,
  REVIEW_RESULTS_JOB,
  reviewResultKey,
  reviewResultsJobKey,
  type ReviewResultsJob,
} from './review-results';
export {
  createOutboxRetentionJob,
  DEFAULT_PURGE_LIMITS,
  OUTBOX_PURGE_EVERY_MS,
  OUTBOX_PURGE_JOB,
  type OutboxRetention,
  type OutboxRetentionJob,
  type PurgeLimits,
  type PurgeReport,
} from './retention';
export {
  createNotificationAdminService,
  type NotificationAdminService,
} from './notification-admin.service';
export { notificationAdminRoutes } from './notification-admin.routes';
