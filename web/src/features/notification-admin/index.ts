import './notification-admin.css';
// Public surface of the notification administration: the outbox view and the area templates.
export { MessageLog } from './components/message-log';
export { TemplateEditor } from './components/template-editor';
export { notificationAdminMessages } from './messages';
