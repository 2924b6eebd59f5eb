import type { RegistrationView } from '@hqe/core';
import { Button, Form, Select } from 'antd';
import { useState } from 'react';
import { QueryError } from '../../../components/query-error';
import { useChooseArea, useRegistrationChoices } from '../api/registrations';
import { onlineRegistrationMessages as m } from '../messages';
import { MutationError } from './mutation-error';

/** 选择报名地市和考点. */
export function AreaStep({ view, onDone }: { view: RegistrationView; onDone: () => void }) {
  const choices = useRegistrationChoices(view.id);
  const save = useChooseArea(view.cycle.id, view.id);
  const [cityId, setCityId] = useState<number | undefined>(view.city?.id);
  const [siteId, setSiteId] = useState<number | undefined>(view.testSite?.id);
  const [touched, setTouched] = useState(false);
  if (choices.isError) {
    return <QueryError error={choices.error} onRetry={() => void choices.refetch()} />;
  }
  const site = choices.data?.testSites.find((s) => s.id === siteId);
  const submit = () => {
    setTouched(true);
    if (cityId === undefined || siteId === undefined) return;
    save.mutate({ version: view.version, cityId, testSiteId: siteId }, { onSuccess: onDone });
  };
  return (
    <Form layout="vertical" onFinish={submit} disabled={!view.canEdit} className="or-form">
      <Form.Item
        label={m.city}
        htmlFor="or-city"
        required
        validateStatus={touched && cityId === undefined ? 'error' : undefined}
        help={touched && cityId === undefined ? m.cityPlaceholder : undefined}
      >
        <Select
          id="or-city"
          loading={choices.isPending}
          value={cityId}
          onChange={setCityId}
          placeholder={m.cityPlaceholder}
          options={choices.data?.cities.map((c) => ({ value: c.id, label: c.name }))}
          showSearch={{ optionFilterProp: 'label' }}
        />
      </Form.Item>
      <Form.Item
        label={m.testSite}
        htmlFor="or-site"
        required
        validateStatus={touched && siteId === undefined ? 'error' : undefined}
        help={
          touched && siteId === undefined
            ? m.testSitePlaceholder
            : site
              ? m.testSiteAddress(site.address)
              : undefined
        }
      >
        <Select
          id="or-site"
          loading={choices.isPending}
          value={siteId}
          onChange={setSiteId}
          placeholder={m.testSitePlaceholder}
          options={choices.data?.testSites.map((s) => ({ value: s.id, label: s.name }))}
          showSearch={{ optionFilterProp: 'label' }}
        />
      </Form.Item>
      <MutationError error={save.error} />
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        {m.save}
      </Button>
    </Form>
  );
}
