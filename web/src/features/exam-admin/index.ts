// Public surface of the exam administration feature: calendar, notices, test sites, offerings
// and the specialty table of an exam area.
export { AreaScope, CycleAreaScope } from './components/admin-scope';
export { CalendarEditor } from './components/calendar-editor';
export { NoticeBoard } from './components/notice-board';
export { OfferingsEditor } from './components/offerings-editor';
export { SpecialtyCatalog } from './components/specialty-catalog';
export { TestSiteList } from './components/test-site-list';
export { examAdminMessages } from './messages';
