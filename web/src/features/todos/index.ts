import './todos.css';
// Public surface of the to-do centre (待办事项): the header bell, the list, the message language.
export { TodoBell } from './components/todo-bell';
export { TodoCenter } from './components/todo-center';
export { NotificationLanguage } from './components/notification-language';
export { todoMessages } from './messages';
