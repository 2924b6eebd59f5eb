import { DownloadOutlined } from '@ant-design/icons';
import {
  REGISTRATION_STATUS_LABELS,
  REGISTRATION_STATUSES,
  type RegistrationStatus,
  type ReviewDashboard,
} from '@hqe/core';
import { Alert, Button, Flex, Form, Select } from 'antd';
import { useState } from 'react';
import { errorMessageOf } from '../../../lib/api-client';
import { useExportDownload } from '../api/export';
import { reviewOversightMessages as m } from '../messages';

const ALL = '';

/**
 * 导出 Excel with the dashboard's cycle and area and the filters chosen here (status, specialty,
 * 报名地市); the figures above give the choices. The server masks document numbers and mobiles
 * for reviewers; the note says which file the user is about to get.
 */
export function ExportPanel({
  data,
  cycleId,
  examAreaId,
  masked,
}: {
  data: ReviewDashboard;
  cycleId: number;
  examAreaId: number | null;
  masked: boolean;
}) {
  const [status, setStatus] = useState<string>(ALL);
  const [specialty, setSpecialty] = useState<string>(ALL);
  const [city, setCity] = useState<string>(ALL);
  const download = useExportDownload();

  const run = () =>
    download.mutate({
      cycleId,
      examAreaId,
      status: status === ALL ? null : (status as RegistrationStatus),
      specialtyCode: specialty === ALL ? null : specialty,
      cityId: city === ALL ? null : Number(city),
    });

  const all = { value: ALL, label: m.exportAll };
  return (
    <div className="ov-export">
      <p className="muted">{m.exportIntro}</p>
      <p className={masked ? 'muted' : 'ov-export-warning'}>
        {masked ? m.exportMaskedNote : m.exportFullNote}
      </p>
      <Form layout="vertical" component="div" className="ov-export-form">
        <Flex gap={16} wrap align="end">
          <Form.Item label={m.exportStatus} htmlFor="ov-export-status">
            <Select
              id="ov-export-status"
              className="ov-export-select"
              value={status}
              onChange={setStatus}
              options={[
                all,
                ...REGISTRATION_STATUSES.map((s) => ({
                  value: s,
                  label: REGISTRATION_STATUS_LABELS[s],
                })),
              ]}
            />
          </Form.Item>
          <Form.Item label={m.exportSpecialty} htmlFor="ov-export-specialty">
            <Select
              id="ov-export-specialty"
              className="ov-export-select ov-export-select-wide"
              value={specialty}
              onChange={setSpecialty}
              showSearch={{ optionFilterProp: 'label' }}
              options={[
                all,
                ...data.bySpecialty.map((s) => ({
                  value: s.code,
                  label: `${s.code} ${s.name}（${s.levelLabel}）`,
                })),
              ]}
            />
          </Form.Item>
          <Form.Item label={m.exportCity} htmlFor="ov-export-city">
            <Select
              id="ov-export-city"
              className="ov-export-select"
              value={city}
              onChange={setCity}
              options={[
                all,
                ...data.byCity.flatMap((c) =>
                  c.cityId === null ? [] : [{ value: String(c.cityId), label: c.name }],
                ),
              ]}
            />
          </Form.Item>
          <Form.Item>
            <Button
              type="primary"
              icon={<DownloadOutlined />}
              loading={download.isPending}
              onClick={run}
            >
              {m.exportButton}
            </Button>
          </Form.Item>
        </Flex>
      </Form>
      <div aria-live="polite">
        {download.isPending ? <p className="muted">{m.exporting}</p> : null}
        {download.isSuccess ? (
          <Alert
            type="success"
            showIcon
            title={m.exported(download.data.fileName, download.data.rows)}
          />
        ) : null}
      </div>
      {download.isError ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={m.exportFailed}
          description={errorMessageOf(download.error)}
        />
      ) : null}
    </div>
  );
}
