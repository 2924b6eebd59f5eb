import type { EligibilityCheckResponse, EligibilityProfileDraft } from '@hqe/core';
import { Button, Form, type FormInstance } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { FormErrorAlert } from '../../../components/form-modal';
import { errorMessageOf, isApiError } from '../../../lib/api-client';
import { SITE } from '../../../lib/site';
import { useCheckEligibility } from '../api/check-eligibility';
import {
  formFieldOfApiPath,
  INITIAL_VALUES,
  toCheckRequest,
  valuesFromProfile,
  type SelfCheckValues,
} from '../form-values';
import { eligibilityMessages as m } from '../messages';
import { DeclarationsSection } from './declarations-section';
import { EarlyApplicationSection } from './early-application-section';
import { EducationSection } from './education-section';
import { EligibilityResult } from './eligibility-result';
import { EmployerSection } from './employer-section';
import { FORM_NAME } from './fields';
import { IdentitySection } from './identity-section';
import { PracticeSection } from './practice-section';
import { SpecialtySection, type CycleOption } from './specialty-section';
import { WorkSection } from './work-section';

interface Props {
  /** The cycles to choose from, most recent first (the first is preselected). */
  cycles: readonly CycleOption[];
  /** A saved profile to start from: the logged-in candidate's basic information. */
  initialProfile?: EligibilityProfileDraft;
  /** The employer the candidate named at registration, if any. */
  initialRegisteredEmployer?: string;
  /** The exam area checked against; the deployment's own by default. */
  examAreaCode?: string;
}

/** A field's name as the form's `setFields` accepts it (API issue paths map to it at run time). */
type FieldName = Parameters<FormInstance<SelfCheckValues>['setFields']>[0][number]['name'];

interface Checked {
  result: EligibilityCheckResponse;
  at: Date;
}

/** The city of the deployment's area, for plain wording (上海考区 → 上海). */
const CITY = SITE.areaName.replace(/考区$/, '');

function issuesOf(error: unknown): { path: string; message: string }[] {
  if (!isApiError(error, 'validation_failed')) return [];
  const details = error.details;
  if (typeof details !== 'object' || details === null || !('issues' in details)) return [];
  const issues = details.issues;
  if (!Array.isArray(issues)) return [];
  return issues.flatMap((issue: unknown) =>
    typeof issue === 'object' &&
    issue !== null &&
    'path' in issue &&
    'message' in issue &&
    typeof issue.path === 'string' &&
    typeof issue.message === 'string'
      ? [{ path: issue.path, message: issue.message }]
      : [],
  );
}

/**
 * The eligibility self-check: eight numbered steps of facts, then the engine's explained result.
 * Nothing is saved; the form can start from a saved profile (`initialProfile`).
 */
export function SelfCheck({
  cycles,
  initialProfile,
  initialRegisteredEmployer,
  examAreaCode = SITE.areaCode,
}: Props) {
  const [form] = Form.useForm<SelfCheckValues>();
  const mutation = useCheckEligibility();
  const [checked, setChecked] = useState<Checked | null>(null);
  const [stale, setStale] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const resultRef = useRef<HTMLElement>(null);
  const formRef = useRef<HTMLDivElement>(null);

  const initialValues = useMemo<SelfCheckValues>(
    () => ({
      ...(initialProfile
        ? valuesFromProfile(initialProfile, initialRegisteredEmployer)
        : INITIAL_VALUES),
      cycleId: cycles[0]?.id,
    }),
    [cycles, initialProfile, initialRegisteredEmployer],
  );

  useEffect(() => {
    if (!checked) return;
    resultRef.current?.focus({ preventScroll: true });
    resultRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [checked]);

  const submit = (values: SelfCheckValues) => {
    setFormError(null);
    mutation.mutate(toCheckRequest(values, examAreaCode), {
      onSuccess: (result) => {
        setChecked({ result, at: new Date() });
        setStale(false);
      },
      onError: (error) => {
        const fields = issuesOf(error).flatMap((issue) => {
          const name = formFieldOfApiPath(issue.path, values);
          return name ? [{ name: name as FieldName, errors: [issue.message] }] : [];
        });
        if (fields.length > 0) {
          form.setFields(fields);
          setFormError(m.fixFields);
          form.scrollToField(fields[0]?.name ?? [], { block: 'center', focus: true });
        } else if (isApiError(error, 'not_found')) {
          setFormError(error.message);
          form.setFields([{ name: 'specialtyCode', errors: [error.message] }]);
        } else {
          setFormError(errorMessageOf(error));
        }
      },
    });
  };

  const backToForm = () => {
    formRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    formRef.current?.focus({ preventScroll: true });
  };

  return (
    <>
      {/* Enter confirms a date or an option; in this long form it does not submit everything. */}
      <div
        ref={formRef}
        tabIndex={-1}
        className="sc-form-anchor"
        onKeyDown={(event) => {
          if (event.key === 'Enter' && event.target instanceof HTMLInputElement) {
            event.preventDefault();
          }
        }}
      >
        <Form<SelfCheckValues>
          form={form}
          name={FORM_NAME}
          layout="vertical"
          initialValues={initialValues}
          onFinish={submit}
          onFinishFailed={() => setFormError(m.invalidForm)}
          onValuesChange={() => {
            setFormError(null);
            if (checked) setStale(true);
          }}
          scrollToFirstError={{ block: 'center', focus: true }}
          aria-label={m.title}
          className="sc-form"
        >
          <div className="stack">
            <SpecialtySection cycles={cycles} examAreaCode={examAreaCode} />
            <IdentitySection city={CITY} />
            <EducationSection />
            <PracticeSection />
            <WorkSection city={CITY} />
            <EmployerSection />
            <EarlyApplicationSection />
            <DeclarationsSection />
            <div className="sc-submit">
              <FormErrorAlert title={m.submitFailedTitle} error={formError} />
              <Button
                type="primary"
                htmlType="submit"
                size="large"
                block
                loading={mutation.isPending}
              >
                {mutation.isPending ? m.submitting : m.submit}
              </Button>
            </div>
          </div>
        </Form>
      </div>
      {checked && (
        <EligibilityResult
          ref={resultRef}
          result={checked.result}
          checkedAt={checked.at}
          stale={stale}
          onEdit={backToForm}
        />
      )}
    </>
  );
}
