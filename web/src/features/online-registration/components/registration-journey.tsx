import type { RegistrationView } from '@hqe/core';
import { Alert, Steps } from 'antd';
import { useEffect, useRef } from 'react';
import { Link, useNavigate } from 'react-router';
import { ButtonLink } from '../../../components/button-link';
import { Loading } from '../../../components/loading';
import { QueryError } from '../../../components/query-error';
import { SectionCard } from '../../../components/section-card';
import { SITE } from '../../../lib/site';
import {
  useCurrentCycles,
  useProfileForRegistration,
  useRegistrationLookup,
} from '../api/registrations';
import { onlineRegistrationMessages as m } from '../messages';
import { supplementState } from '../qualification-review';
import { UI_STEPS, stepOfPath, type UiStepKey } from '../steps';
import { RegistrationActions } from './registration-actions';
import { RegistrationTimeline } from './timeline';
import { StartCard } from './start-card';
import { StatusBanner } from './status-banner';
import { AreaStep } from './step-area';
import { FormStep } from './step-form';
import { InfoStep } from './step-info';
import { MaterialsStep } from './step-materials';
import { PhotoStep } from './step-photo';
import { SpecialtyStep } from './step-specialty';
import { SubmitStep } from './step-submit';
import '../online-registration.css';

/** The first step with something missing (or 提交 when all is done; 上传材料 for a supplement). */
function firstOpenStep(view: RegistrationView): UiStepKey {
  if (view.supplement) return 'materials';
  const first = view.completeness.missing
    .map((p) => stepOfPath(p.path))
    .find((s) => s !== 'basic_info');
  return first ?? 'submit';
}

function stepProblems(view: RegistrationView, key: UiStepKey) {
  if (key === 'submit') {
    return view.completeness.steps.find((s) => s.key === 'submit')?.problems ?? [];
  }
  return view.completeness.missing.filter((p) => stepOfPath(p.path) === key);
}

function ProfileGap() {
  const profile = useProfileForRegistration();
  if (!profile.data || profile.data.completeness.complete) return null;
  const parts = profile.data.completeness.parts.filter((p) => !p.complete);
  return (
    <Alert
      className="form-alert"
      type="warning"
      showIcon
      title={m.profileIncompleteTitle}
      description={
        <>
          <p>{m.profileIncompleteText}</p>
          <ul>
            {parts.map((p) => (
              <li key={p.part}>
                {p.label}
                {p.hint ? `：${p.hint}` : ''}
              </li>
            ))}
          </ul>
          <ButtonLink to="/me">{m.toProfile}</ButtonLink>
        </>
      }
    />
  );
}

function Journey({ view, step }: { view: RegistrationView; step: UiStepKey | undefined }) {
  const navigate = useNavigate();
  const current = step ?? firstOpenStep(view);
  const supplement = supplementState(view);
  const index = UI_STEPS.findIndex((s) => s.key === current);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const stepTitle = UI_STEPS[index]?.title ?? '';
  const prevStep = UI_STEPS[index - 1];
  const nextStep = UI_STEPS[index + 1];
  const go = (key: UiStepKey) => void navigate(`/registration/${key}`);
  useEffect(() => {
    if (step) headingRef.current?.focus();
  }, [step]);
  const next = () => {
    if (nextStep) go(nextStep.key);
  };
  const body = (() => {
    switch (current) {
      case 'area':
        return <AreaStep key={`${view.id}-${view.examArea.code}`} view={view} onDone={next} />;
      case 'specialty':
        return (
          <SpecialtyStep
            key={`${view.id}-${view.examArea.code}`}
            view={view}
            onDone={() => undefined}
          />
        );
      case 'info':
        return <InfoStep key={`${view.id}-${view.examArea.code}`} view={view} onDone={next} />;
      case 'photo':
        return <PhotoStep view={view} onDone={next} />;
      case 'form':
        return <FormStep view={view} />;
      case 'materials':
        return <MaterialsStep view={view} />;
      case 'submit':
        return <SubmitStep view={view} />;
    }
  })();
  return (
    <div className="or-journey">
      <StatusBanner view={view} onMaterialsStep={current === 'materials'} />
      <RegistrationActions view={view} />
      <ProfileGap />
      {!view.canEdit &&
        view.status !== 'draft' &&
        current !== 'submit' &&
        !(supplement && current === 'materials') && (
          <Alert className="form-alert" type="info" showIcon title={m.readOnly} />
        )}
      <div className="or-layout">
        <nav aria-label={m.stepsLabel} className="or-steps">
          <Steps
            orientation="vertical"
            size="small"
            current={index}
            onChange={(i) => {
              const target = UI_STEPS[i];
              if (target) go(target.key);
            }}
            items={UI_STEPS.map((s) => {
              // A supplement still to upload keeps 上传材料 open (R19).
              const toSupply =
                s.key === 'materials' && supplement !== null && supplement.missing.length > 0;
              const open = toSupply || stepProblems(view, s.key).length > 0;
              return {
                title: s.title,
                status: s.key === current ? 'process' : open ? 'wait' : 'finish',
                content:
                  s.key === current
                    ? undefined
                    : toSupply
                      ? m.stepSupplement
                      : open
                        ? m.stepTodo
                        : m.stepDone,
              };
            })}
          />
        </nav>
        <SectionCard title={stepTitle} className="or-step-card">
          <h3 ref={headingRef} tabIndex={-1} className="visually-hidden">
            {m.youAreAt(stepTitle)}
          </h3>
          {stepProblems(view, current).length > 0 && current !== 'submit' && (
            <ul className="or-step-problems">
              {stepProblems(view, current).map((p) => (
                <li key={p.path}>{p.message}</li>
              ))}
            </ul>
          )}
          {body}
          <div className="or-nav">
            {prevStep && <Link to={`/registration/${prevStep.key}`}>{m.prev}</Link>}
            {nextStep && <Link to={`/registration/${nextStep.key}`}>{m.next}</Link>}
          </div>
        </SectionCard>
      </div>
      <SectionCard title={m.timelineTitle}>
        <RegistrationTimeline view={view} />
      </SectionCard>
    </div>
  );
}

/** 网上报名: the start card, or the stepper of the candidate's registration for the current cycle. */
export function RegistrationJourney({ step }: { step: UiStepKey | undefined }) {
  const overview = useCurrentCycles();
  const exam = overview.data?.exams[0];
  const cycle =
    exam?.cycles.find((c) => c.areas.some((a) => a.code === SITE.areaCode)) ?? exam?.cycles[0];
  const lookup = useRegistrationLookup(cycle?.id);
  if (overview.isError)
    return <QueryError error={overview.error} onRetry={() => void overview.refetch()} />;
  if (overview.isPending) return <Loading />;
  if (!exam || !cycle) return <Alert type="info" showIcon title={m.noCycle} />;
  if (lookup.isError)
    return <QueryError error={lookup.error} onRetry={() => void lookup.refetch()} />;
  if (lookup.isPending) return <Loading />;
  const view = lookup.data.registration;
  if (!view) {
    return (
      <>
        <ProfileGap />
        <StartCard exam={exam} cycle={cycle} />
      </>
    );
  }
  return <Journey view={view} step={step} />;
}
