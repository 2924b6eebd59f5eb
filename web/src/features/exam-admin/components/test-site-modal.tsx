import { testSiteInputSchema, type TestSiteView } from '@hqe/core';
import { App, Form, Input } from 'antd';
import { useState } from 'react';
import { FormErrorAlert, FormModal } from '../../../components/form-modal';
import { errorMessageOf, isApiError } from '../../../lib/api-client';
import { fieldErrorsOf } from '../../../lib/form-errors';
import { schemaRule } from '../../../lib/form-rules';
import { useCreateTestSite } from '../api/create-test-site';
import { useUpdateTestSite } from '../api/update-test-site';
import { examAdminMessages as m } from '../messages';

interface Values {
  code?: string;
  name?: string;
  address?: string;
}
const FIELDS = ['code', 'name', 'address'] as const;

/** Add a test site to an area (`site` null) or change one. */
export function TestSiteModal({
  open,
  site,
  examAreaId,
  onClose,
}: {
  open: boolean;
  site: TestSiteView | null;
  examAreaId: number;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateTestSite();
  const update = useUpdateTestSite();
  const [formError, setFormError] = useState<string | null>(null);
  const title = site ? m.editTestSiteTitle(site.name) : m.createTestSiteTitle;

  const close = () => {
    form.resetFields();
    setFormError(null);
    onClose();
  };

  const onError = (error: unknown) => {
    const fieldErrors = fieldErrorsOf(error, FIELDS);
    if (fieldErrors.length > 0) form.setFields(fieldErrors);
    else if (isApiError(error, 'conflict'))
      form.setFields([{ name: 'code', errors: [error.message] }]);
    else setFormError(errorMessageOf(error));
  };

  const submit = (values: Values) => {
    setFormError(null);
    const input = {
      code: (values.code ?? '').trim(),
      name: (values.name ?? '').trim(),
      address: (values.address ?? '').trim(),
    };
    const onSuccess = (saved: TestSiteView) => {
      void message.success(site ? m.siteUpdated(saved.name) : m.siteCreated(saved.name));
      close();
    };
    if (site) update.mutate({ id: site.id, ...input }, { onSuccess, onError });
    else create.mutate({ examAreaId, ...input }, { onSuccess, onError });
  };

  return (
    <FormModal
      open={open}
      title={title}
      submitText={site ? m.testSiteSubmitEdit : m.testSiteSubmitCreate}
      pending={create.isPending || update.isPending}
      onCancel={close}
      onSubmit={() => form.submit()}
    >
      <Form<Values>
        form={form}
        name="test-site"
        layout="vertical"
        onFinish={submit}
        aria-label={title}
        initialValues={
          site
            ? { code: site.code, name: site.name, address: site.address }
            : { code: '', name: '', address: '' }
        }
        onValuesChange={() => setFormError(null)}
      >
        <FormErrorAlert title={m.siteSaveFailedTitle} error={formError} />
        <Form.Item
          name="code"
          label={m.siteCodeLabel}
          extra={m.siteCodeHelp}
          required
          rules={[schemaRule(testSiteInputSchema.shape.code)]}
          validateTrigger="onBlur"
        >
          <Input maxLength={16} autoComplete="off" spellCheck={false} />
        </Form.Item>
        <Form.Item
          name="name"
          label={m.siteNameLabel}
          required
          rules={[schemaRule(testSiteInputSchema.shape.name)]}
          validateTrigger="onBlur"
        >
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="address"
          label={m.siteAddressLabel}
          extra={m.siteAddressHelp}
          rules={[schemaRule(testSiteInputSchema.shape.address)]}
          validateTrigger="onBlur"
        >
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
