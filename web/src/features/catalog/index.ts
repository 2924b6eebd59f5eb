// Public surface of the catalog feature: exam areas, the exam calendar and notices.
export { useCatalogOverview } from './api/get-catalog-overview';
export { useExamAreas } from './api/get-exam-areas';
export { ExamNotices } from './components/exam-notices';
export { PhaseCalendar } from './components/phase-calendar';
export { catalogMessages } from './messages';
