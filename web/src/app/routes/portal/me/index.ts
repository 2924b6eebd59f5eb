// The candidate's 个人中心 (/me), loaded lazily as one chunk.
export { MeLayout, ME_NAV } from './layout';
export { MeOverviewPage } from './overview';
export { MePersonalPage } from './personal';
export { MePhotoPage } from './photo';
export { MeEducationPage } from './education';
export { MeWorkPage } from './work';
export { MeQualificationsPage } from './qualifications';
export { MeAccountPage } from './account';
