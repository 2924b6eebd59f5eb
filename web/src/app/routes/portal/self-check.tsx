import { Alert } from 'antd';
import { Loading } from '../../../components/loading';
import { PageTitle } from '../../../components/page-title';
import { QueryError } from '../../../components/query-error';
import { useCatalogOverview } from '../../../features/catalog';
import { eligibilityMessages, SelfCheck, type CycleOption } from '../../../features/eligibility';

const m = eligibilityMessages;

/** 报考条件自测: the candidate checks a specialty's conditions before registering (no login). */
export function SelfCheckPage() {
  const overview = useCatalogOverview();
  const cycles: CycleOption[] =
    overview.data?.exams.flatMap((exam) =>
      exam.cycles.map((c) => ({ id: c.id, name: c.name, workYearsCutoff: c.workYearsCutoff })),
    ) ?? [];

  return (
    <div className="sc-page">
      <PageTitle title={m.title} />
      <section className="hero" aria-labelledby="self-check-title">
        <h1 id="self-check-title" className="page-title">
          {m.title}
        </h1>
        <p className="hero-intro">{m.intro}</p>
        <p className="sc-privacy">{m.privacy}</p>
        <p className="sc-privacy">{m.requiredNote}</p>
      </section>
      {overview.isPending ? (
        <Loading />
      ) : overview.isError ? (
        <QueryError error={overview.error} onRetry={() => void overview.refetch()} />
      ) : cycles.length === 0 ? (
        <Alert type="info" showIcon title={m.noCycle} />
      ) : (
        <SelfCheck cycles={cycles} />
      )}
    </div>
  );
}
