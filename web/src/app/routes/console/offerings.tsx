import { CycleAreaScope, OfferingsEditor } from '../../../features/exam-admin';
import { canAdministerExamArea } from '../../../lib/permissions';
import { appMessages } from '../../messages';
import { AreaAdminPage } from './area-admin-page';

const m = appMessages.console;

/** 开考专业与收费: the specialties an area offers in a cycle and the fee per subject. */
export function OfferingsAdminPage() {
  return (
    <AreaAdminPage
      title={m.offeringsAdmin}
      allowed={canAdministerExamArea}
      intro={() => m.offeringsAdminIntro}
    >
      {({ account, areas, areasPending }) => (
        <CycleAreaScope actor={account} areas={areas} areasPending={areasPending}>
          {(scope) => <OfferingsEditor scope={scope} />}
        </CycleAreaScope>
      )}
    </AreaAdminPage>
  );
}
