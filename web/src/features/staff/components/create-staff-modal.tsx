import {
  createStaffRequestSchema,
  grantableRoles,
  isAreaScopedRole,
  ROLE_LABELS,
  usernameSchema,
  type AccountView,
  type StaffRole,
} from '@hqe/core';
import { App, Button, Form, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { FormErrorAlert, FormModal } from '../../../components/form-modal';
import { PasswordRequirements } from '../../../components/password-requirements';
import { errorMessageOf, isApiError } from '../../../lib/api-client';
import { fieldErrorsOf } from '../../../lib/form-errors';
import { schemaRule } from '../../../lib/form-rules';
import { passwordPolicyRule } from '../../../lib/password-rules';
import { generateStaffPassword } from '../../../lib/random-password';
import type { ExamAreaRef } from '../../../lib/types';
import { useCreateStaffAccount } from '../api/create-staff-account';
import { staffMessages as m } from '../messages';

/** Form values; every field is empty until the user fills it in. */
interface Values {
  username?: string;
  displayName?: string;
  roles?: StaffRole[];
  examAreaId?: number;
  initialPassword?: string;
}

const FIELDS = ['username', 'displayName', 'roles', 'examAreaId', 'initialPassword'] as const;

interface Props {
  open: boolean;
  onClose: () => void;
  actor: AccountView;
  /** Areas the actor may pick; an area admin gets only their own. */
  areas: ExamAreaRef[];
}

/** The "新增人员" form: roles limited to what the actor may grant, area fixed for area admins. */
export function CreateStaffModal({ open, onClose, actor, areas }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const mutation = useCreateStaffAccount();
  const [formError, setFormError] = useState<string | null>(null);
  const [passwordVisible, setPasswordVisible] = useState(false);
  const roles = Form.useWatch('roles', form) ?? [];
  const username = Form.useWatch('username', form);
  const password = Form.useWatch('initialPassword', form);

  const isPlatformAdmin = actor.roles.includes('platform_admin');
  const fixedArea = isPlatformAdmin ? null : actor.examArea;
  const needsArea = roles.some((role) => isAreaScopedRole(role));
  const roleOptions = grantableRoles(actor.roles).map((role) => ({
    value: role,
    label: ROLE_LABELS[role],
  }));

  const currentUsername = (): string | undefined => {
    const value: unknown = form.getFieldValue('username');
    return typeof value === 'string' ? value.trim() : undefined;
  };

  const close = () => {
    form.resetFields();
    setFormError(null);
    setPasswordVisible(false);
    onClose();
  };

  const submit = (values: Values) => {
    setFormError(null);
    const examAreaId = needsArea ? (fixedArea?.id ?? values.examAreaId ?? null) : null;
    mutation.mutate(
      {
        username: (values.username ?? '').trim().toLowerCase(),
        displayName: (values.displayName ?? '').trim(),
        roles: values.roles ?? [],
        examAreaId,
        initialPassword: values.initialPassword ?? '',
      },
      {
        onSuccess: (account) => {
          void message.success(m.created(account.username));
          close();
        },
        onError: (error) => {
          const fieldErrors = fieldErrorsOf(error, FIELDS);
          if (fieldErrors.length > 0) {
            form.setFields(fieldErrors);
          } else if (isApiError(error, 'conflict')) {
            form.setFields([{ name: 'username', errors: [error.message] }]);
          } else {
            setFormError(errorMessageOf(error));
          }
        },
      },
    );
  };

  const generate = () => {
    const next = generateStaffPassword(currentUsername());
    form.setFieldValue('initialPassword', next);
    setPasswordVisible(true);
    void form.validateFields(['initialPassword']);
  };

  return (
    <FormModal
      open={open}
      title={m.createTitle}
      submitText={m.createSubmit}
      pending={mutation.isPending}
      onCancel={close}
      onSubmit={() => form.submit()}
    >
      <Form<Values>
        form={form}
        name="create-staff"
        layout="vertical"
        onFinish={submit}
        aria-label={m.createTitle}
        initialValues={{ roles: [] }}
        onValuesChange={() => setFormError(null)}
      >
        <FormErrorAlert title={m.createFailedTitle} error={formError} />
        <Form.Item
          name="username"
          label={m.usernameLabel}
          extra={m.usernameHelp}
          required
          rules={[schemaRule(usernameSchema)]}
          validateTrigger="onBlur"
        >
          <Input autoComplete="off" spellCheck={false} autoCapitalize="none" maxLength={32} />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={m.displayNameLabel}
          required
          rules={[schemaRule(createStaffRequestSchema.shape.displayName)]}
          validateTrigger="onBlur"
        >
          <Input autoComplete="off" maxLength={50} />
        </Form.Item>
        <Form.Item
          name="roles"
          label={m.rolesLabel}
          rules={[{ required: true, type: 'array', min: 1, message: m.rolesRequired }]}
        >
          <Select<StaffRole[]>
            mode="multiple"
            options={roleOptions}
            placeholder={m.rolesPlaceholder}
          />
        </Form.Item>
        {needsArea && fixedArea && (
          <Form.Item label={m.areaLabel} extra={m.areaFixedHelp} required>
            <div className="readonly-field">{fixedArea.name}</div>
          </Form.Item>
        )}
        {needsArea && !fixedArea && (
          <Form.Item
            name="examAreaId"
            label={m.areaLabel}
            rules={[{ required: true, message: m.areaRequired }]}
          >
            <Select<number>
              placeholder={m.areaPlaceholder}
              options={areas.map((area) => ({ value: area.id, label: area.name }))}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
        )}
        <Form.Item label={m.initialPasswordLabel} required htmlFor="create-staff_initialPassword">
          <Space.Compact block>
            <Form.Item
              name="initialPassword"
              noStyle
              dependencies={['username']}
              rules={[passwordPolicyRule('staff', currentUsername)]}
            >
              <Input.Password
                autoComplete="new-password"
                visibilityToggle={{ visible: passwordVisible, onVisibleChange: setPasswordVisible }}
              />
            </Form.Item>
            <Button onClick={generate}>{m.generatePassword}</Button>
          </Space.Compact>
        </Form.Item>
        <PasswordRequirements
          password={password}
          kind="staff"
          username={username?.trim() || undefined}
        />
        <p className="form-note">{m.initialPasswordHelp}</p>
      </Form>
    </FormModal>
  );
}
