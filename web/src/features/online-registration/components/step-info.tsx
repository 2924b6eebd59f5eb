import {
  EARLY_APPLICATION_CLAIM_LABELS,
  EARLY_APPLICATION_CLAIMS,
  ELIGIBILITY_LABELS,
  type EarlyApplicationClaim,
  type RegistrationView,
} from '@hqe/core';
import { Alert, Button, Form, Input, InputNumber, Select } from 'antd';
import { Link } from 'react-router';
import { QueryError } from '../../../components/query-error';
import { useProfileForRegistration, useSaveInfo } from '../api/registrations';
import { onlineRegistrationMessages as m } from '../messages';
import { MutationError } from './mutation-error';

interface Values {
  employer: string;
  department: string;
  post: string;
  yearsInSpecialty: number;
  educationIndex: number;
  earlyApplicationClaim: EarlyApplicationClaim;
  returningFileNumber?: string;
}

const required = (label: string) => [
  { required: true, whitespace: true, message: m.requiredField(label) },
];

/** 填写报名信息: employer, department, post, years, the education used, claims, 档案号. */
export function InfoStep({ view, onDone }: { view: RegistrationView; onDone: () => void }) {
  const profile = useProfileForRegistration();
  const save = useSaveInfo(view.cycle.id, view.id);
  if (profile.isError) {
    return <QueryError error={profile.error} onRetry={() => void profile.refetch()} />;
  }
  if (profile.isPending) return null;
  const educations = profile.data.education ?? [];
  const employer = profile.data.currentEmployer;
  const initial: Partial<Values> = view.info
    ? {
        employer: view.info.employer,
        department: view.info.department,
        post: view.info.post,
        yearsInSpecialty: view.info.yearsInSpecialty,
        educationIndex: view.info.education.index,
        earlyApplicationClaim: view.info.earlyApplicationClaim,
        returningFileNumber: view.info.returningFileNumber ?? undefined,
      }
    : {
        employer: employer?.name,
        department: employer?.department,
        post: employer?.post,
        educationIndex: educations.length === 1 ? 0 : undefined,
        earlyApplicationClaim: 'none',
      };
  const submit = (values: Values) => {
    const fileNumber = values.returningFileNumber?.trim();
    save.mutate(
      {
        version: view.version,
        employer: values.employer,
        department: values.department,
        post: values.post,
        yearsInSpecialty: values.yearsInSpecialty,
        educationIndex: values.educationIndex,
        earlyApplicationClaim: values.earlyApplicationClaim,
        returningFileNumber: fileNumber ? fileNumber : null,
      },
      { onSuccess: onDone },
    );
  };
  return (
    <Form<Values>
      layout="vertical"
      initialValues={initial}
      onFinish={submit}
      disabled={!view.canEdit}
      className="or-form"
    >
      <Form.Item name="employer" label={m.employer} rules={required(m.employer)}>
        <Input maxLength={100} autoComplete="organization" />
      </Form.Item>
      <Form.Item name="department" label={m.department} rules={required(m.department)}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="post" label={m.post} rules={required(m.post)}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item
        name="yearsInSpecialty"
        label={m.yearsInSpecialty}
        rules={[{ required: true, message: m.requiredField(m.yearsInSpecialty) }]}
      >
        <InputNumber min={0} max={70} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      {educations.length === 0 ? (
        <Alert
          className="form-alert"
          type="warning"
          showIcon
          title={<Link to="/me/education">{m.noEducation}</Link>}
        />
      ) : (
        <Form.Item
          name="educationIndex"
          label={m.education}
          rules={[{ required: true, message: m.educationPlaceholder }]}
        >
          <Select
            placeholder={m.educationPlaceholder}
            options={educations.map((e, i) => ({
              value: i,
              label: `${ELIGIBILITY_LABELS.educationLevel[e.level]} · ${e.school} · ${e.major}（${e.graduationDate} 毕业）`,
            }))}
          />
        </Form.Item>
      )}
      <Form.Item
        name="earlyApplicationClaim"
        label={m.earlyClaim}
        rules={[{ required: true, message: m.requiredField(m.earlyClaim) }]}
      >
        <Select
          options={EARLY_APPLICATION_CLAIMS.map((c) => ({
            value: c,
            label: EARLY_APPLICATION_CLAIM_LABELS[c],
          }))}
        />
      </Form.Item>
      <Form.Item name="returningFileNumber" label={m.returningFileNumber} extra={m.returningHint}>
        <Input maxLength={30} />
      </Form.Item>
      <MutationError error={save.error} />
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        {m.save}
      </Button>
    </Form>
  );
}
