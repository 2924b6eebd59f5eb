// Public surface of the exam administration feature: exam areas and their registration cities,
// cycles, an area's calendar, notices, test sites, offerings and eligibility rules, and the
// specialty table.
export { AreaScope, CycleAreaScope } from './components/admin-scope';
export { AreaRulesEditor } from './components/area-rules-editor';
export { CityList } from './components/city-list';
export { CycleList } from './components/cycle-list';
export { ExamAreaList } from './components/exam-area-list';
export { CalendarEditor } from './components/calendar-editor';
export { NoticeBoard } from './components/notice-board';
export { OfferingsEditor } from './components/offerings-editor';
export { SpecialtyCatalog } from './components/specialty-catalog';
export { TestSiteList } from './components/test-site-list';
export { examAdminMessages } from './messages';
export { PreviousResultsImport } from './components/previous-results-import';
