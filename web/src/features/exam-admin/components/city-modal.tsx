import { createRegistrationCityRequestSchema, type AdminRegistrationCity } from '@hqe/core';
import { App, Form, Input } from 'antd';
import { useState } from 'react';
import { FormErrorAlert, FormModal } from '../../../components/form-modal';
import { errorMessageOf } from '../../../lib/api-client';
import { fieldErrorsOf } from '../../../lib/form-errors';
import { schemaRule } from '../../../lib/form-rules';
import { useCreateCity, useRenameCity } from '../api/cities';
import { conflictFieldOf } from '../issues';
import { examAdminMessages as m } from '../messages';

interface Values {
  code?: string;
  name?: string;
}
const FIELDS = ['code', 'name'] as const;

/** Add a registration city to an area (`city` null) or rename one; the code is fixed. */
export function CityModal({
  open,
  city,
  examAreaId,
  onClose,
}: {
  open: boolean;
  city: AdminRegistrationCity | null;
  examAreaId: number;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateCity();
  const rename = useRenameCity();
  const [formError, setFormError] = useState<string | null>(null);
  const title = city ? m.renameCityTitle(city.name) : m.createCityTitle;

  const close = () => {
    form.resetFields();
    setFormError(null);
    onClose();
  };

  const onError = (error: unknown) => {
    const fieldErrors = fieldErrorsOf(error, FIELDS);
    const clash = conflictFieldOf(error, FIELDS);
    if (fieldErrors.length > 0) form.setFields(fieldErrors);
    else if (clash) form.setFields([{ name: clash, errors: [errorMessageOf(error)] }]);
    else setFormError(errorMessageOf(error));
  };

  const submit = (values: Values) => {
    setFormError(null);
    const name = (values.name ?? '').trim();
    const onSuccess = (saved: AdminRegistrationCity) => {
      void message.success(city ? m.cityRenamed(saved.name) : m.cityCreated(saved.name));
      close();
    };
    if (city) rename.mutate({ id: city.id, name }, { onSuccess, onError });
    else
      create.mutate({ examAreaId, code: (values.code ?? '').trim(), name }, { onSuccess, onError });
  };

  return (
    <FormModal
      open={open}
      title={title}
      submitText={city ? m.citySubmitEdit : m.citySubmitCreate}
      pending={create.isPending || rename.isPending}
      onCancel={close}
      onSubmit={() => form.submit()}
    >
      <Form<Values>
        form={form}
        name="registration-city"
        layout="vertical"
        onFinish={submit}
        aria-label={title}
        initialValues={{ code: city?.code ?? '', name: city?.name ?? '' }}
        onValuesChange={() => setFormError(null)}
      >
        <FormErrorAlert title={m.citySaveFailedTitle} error={formError} />
        {city ? (
          <Form.Item label={m.cityCodeLabel}>
            <div className="readonly-field mono">{city.code}</div>
          </Form.Item>
        ) : (
          <Form.Item
            name="code"
            label={m.cityCodeLabel}
            extra={m.cityCodeHelp}
            required
            rules={[schemaRule(createRegistrationCityRequestSchema.shape.code)]}
            validateTrigger="onBlur"
          >
            <Input maxLength={6} inputMode="numeric" autoComplete="off" spellCheck={false} />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={m.cityNameLabel}
          extra={m.cityNameHelp}
          required
          rules={[schemaRule(createRegistrationCityRequestSchema.shape.name)]}
          validateTrigger="onBlur"
        >
          <Input maxLength={30} autoComplete="off" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
