import { AuditOutlined, InfoCircleOutlined } from '@ant-design/icons';
import type { RegistrationStepKey } from '@hqe/core';
import { Col, Row } from 'antd';
import { ButtonLink } from '../../../components/button-link';
import { ErrorBoundary } from '../../../components/error-boundary';
import { PageTitle } from '../../../components/page-title';
import { SectionCard } from '../../../components/section-card';
import { useAccount } from '../../../features/auth';
import { ExamNotices, PhaseCalendar, catalogMessages } from '../../../features/catalog';
import { RegistrationSteps, registrationMessages, stepTitle } from '../../../features/registration';
import { isCandidate, isStaff } from '../../../lib/permissions';
import { SITE } from '../../../lib/site';
import { appMessages } from '../../messages';

const m = appMessages.portal;

/** The candidate portal's home: where the candidate stands, the notices and the calendar. */
export function HomePage() {
  const account = useAccount();
  const candidate = isCandidate(account) ? account : null;
  const current: RegistrationStepKey = candidate ? 'basic_info' : 'account';

  return (
    <>
      <PageTitle title={m.homeTitle} />
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title" className="page-title">
          {m.homeH1}
        </h1>
        <p className="hero-intro">
          {candidate
            ? m.homeCandidateIntro(candidate.displayName)
            : isStaff(account)
              ? m.homeStaffIntro
              : m.homeVisitorIntro}
        </p>
        <p className="hero-step">
          <InfoCircleOutlined aria-hidden /> {registrationMessages.youAreAt(stepTitle(current))}
        </p>
        {candidate && (
          <div className="hero-actions">
            <ButtonLink to="/registration" type="primary" size="large">
              {m.onlineRegistration}
            </ButtonLink>
          </div>
        )}
        {!account && (
          <div className="hero-actions">
            <ButtonLink to="/login" type="primary" size="large">
              {m.login}
            </ButtonLink>
            <ButtonLink to="/signup" size="large">
              {m.signup}
            </ButtonLink>
          </div>
        )}
      </section>
      <Row gutter={[24, 24]}>
        <Col xs={24} lg={9}>
          <SectionCard title={registrationMessages.stepsTitle}>
            <ErrorBoundary region={registrationMessages.stepsTitle}>
              <RegistrationSteps current={current} />
            </ErrorBoundary>
            <div className="self-check-entry">
              <p>{m.selfCheckHint}</p>
              <ButtonLink to="/self-check" icon={<AuditOutlined aria-hidden />} block>
                {m.selfCheck}
              </ButtonLink>
            </div>
          </SectionCard>
        </Col>
        <Col xs={24} lg={15}>
          <div className="stack">
            <SectionCard title={catalogMessages.noticesTitle}>
              <ErrorBoundary region={catalogMessages.noticesTitle}>
                <ExamNotices preferredAreaCode={SITE.areaCode} />
              </ErrorBoundary>
            </SectionCard>
            <SectionCard title={catalogMessages.calendarTitle}>
              <ErrorBoundary region={catalogMessages.calendarTitle}>
                <PhaseCalendar preferredAreaCode={SITE.areaCode} />
              </ErrorBoundary>
            </SectionCard>
          </div>
        </Col>
      </Row>
    </>
  );
}
