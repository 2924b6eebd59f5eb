// Public surface of the review console (审核, issue #6).
import './review.css';

export { ReviewQueue } from './components/review-queue';
export { ReviewRegistrationScreen } from './components/review-registration';
export { ReasonSettings } from './components/reason-settings';
export { reviewMessages } from './messages';
export { canManageReviewReasons, canUseReview, reviewStagesFor } from './stages';
