import { LoginOutlined } from '@ant-design/icons';
import type { CatalogOverview } from '@hqe/core';
import { Button } from 'antd';
import { SectionCard } from '../../../components/section-card';
import { SITE } from '../../../lib/site';
import { useCreateRegistration } from '../api/registrations';
import { onlineRegistrationMessages as m } from '../messages';
import { MutationError } from './mutation-error';

type Exam = CatalogOverview['exams'][number];
type Cycle = Exam['cycles'][number];

/** 进入网上报名: the exam (one, shown), the cycle and this site's exam area, then create. */
export function StartCard({ exam, cycle }: { exam: Exam; cycle: Cycle }) {
  const create = useCreateRegistration(cycle.id);
  const area = cycle.areas.find((a) => a.code === SITE.areaCode);
  return (
    <SectionCard title={m.startTitle}>
      <p>{m.startIntro}</p>
      <dl className="or-facts">
        <dt>{m.exam}</dt>
        <dd>{exam.name}</dd>
        <dt>{m.cycle}</dt>
        <dd>{cycle.name}</dd>
        <dt>{m.examArea}</dt>
        <dd>{area?.name ?? SITE.areaName}</dd>
      </dl>
      <MutationError error={create.error} />
      <Button
        type="primary"
        size="large"
        icon={<LoginOutlined aria-hidden />}
        loading={create.isPending}
        onClick={() => create.mutate(SITE.areaCode)}
      >
        {m.start}
      </Button>
    </SectionCard>
  );
}
