import { REGISTRATION_STEPS, type RegistrationStepKey } from '@hqe/core';
import { Steps } from 'antd';
import { registrationMessages as m } from '../messages';

/** The candidate's registration steps (R3), with the step they are at marked as current. */
export function RegistrationSteps({ current }: { current: RegistrationStepKey }) {
  const currentIndex = Math.max(
    0,
    REGISTRATION_STEPS.findIndex((step) => step.key === current),
  );
  return (
    <Steps
      className="registration-steps"
      orientation="vertical"
      size="small"
      current={currentIndex}
      items={REGISTRATION_STEPS.map((step, index) => ({
        key: step.key,
        title: (
          <>
            {step.title}
            {index === currentIndex && <span className="visually-hidden">{m.currentMarker}</span>}
            {index < currentIndex && <span className="visually-hidden">{m.finishedMarker}</span>}
          </>
        ),
        content: step.description,
      }))}
    />
  );
}

/** The title of a step, e.g. for "您当前所处步骤：维护基本信息". */
export function stepTitle(key: RegistrationStepKey): string {
  return REGISTRATION_STEPS.find((step) => step.key === key)?.title ?? '';
}
