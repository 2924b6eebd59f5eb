// Public surface of 审核统计 (the review dashboard and the Excel export, issue #6 "Oversight").
import './review-oversight.css';

export { canViewReviewDashboard } from './access';
export { ReviewDashboardView } from './components/review-dashboard';
export { reviewOversightMessages } from './messages';
