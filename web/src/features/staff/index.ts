// Public surface of the staff-accounts feature.
export { StaffManagement } from './components/staff-management';
export { staffMessages } from './messages';
