import { UploadOutlined } from '@ant-design/icons';
import {
  SPECIALTY_IMPORT_MAX_BYTES,
  type ImportIssue,
  type SpecialtyImportReport,
} from '@hqe/core';
import { Alert, App, Button, Descriptions, Flex, Table, Upload } from 'antd';
import { useState } from 'react';
import { FormErrorAlert } from '../../../components/form-modal';
import { errorMessageOf } from '../../../lib/api-client';
import { useImportSpecialties } from '../api/import-specialties';
import { examAdminMessages as m } from '../messages';
import { extensionOf, readFileAsBase64 } from '../read-file';

interface Checked {
  fileName: string;
  contentBase64: string;
  report: SpecialtyImportReport;
}

function ReportView({ checked }: { checked: Checked }) {
  const { report } = checked;
  const applied = report.applied;
  return (
    <section className="import-report" aria-labelledby="import-report-title">
      <h3 id="import-report-title" className="notice-subtitle">
        {m.reportTitle(checked.fileName)}
      </h3>
      <Descriptions
        size="small"
        column={{ xs: 2, sm: 5 }}
        items={[
          { key: 'rows', label: m.reportRows, children: report.rows },
          {
            key: 'created',
            label: applied ? m.reportCreatedDone : m.reportCreated,
            children: report.created,
          },
          {
            key: 'updated',
            label: applied ? m.reportUpdatedDone : m.reportUpdated,
            children: report.updated,
          },
          { key: 'unchanged', label: m.reportUnchanged, children: report.unchanged },
          { key: 'errors', label: m.reportErrors, children: report.errors.length },
        ]}
      />
      {report.errors.length > 0 ? (
        <>
          <Alert
            className="form-alert"
            type="error"
            showIcon
            role="alert"
            title={m.reportHasErrors(report.errors.length)}
          />
          <Table<ImportIssue & { key: number }>
            className="data-table"
            size="small"
            rowKey="key"
            dataSource={report.errors.map((e, key) => ({ ...e, key }))}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              { title: m.colRow, dataIndex: 'row', key: 'row', width: 70 },
              {
                title: m.colColumn,
                dataIndex: 'column',
                key: 'column',
                width: 120,
                render: (column: string | null) => column ?? m.wholeRow,
              },
              { title: m.colMessage, dataIndex: 'message', key: 'message' },
            ]}
          />
        </>
      ) : (
        <Alert
          className="form-alert"
          type={applied ? 'success' : 'info'}
          showIcon
          role="status"
          title={applied ? m.reportApplied : m.reportOk}
        />
      )}
    </section>
  );
}

/** Import of the specialty table: choose a file, see the dry run's report, then confirm. */
export function SpecialtyImport({ examId }: { examId: number }) {
  const { message } = App.useApp();
  const mutation = useImportSpecialties();
  const [checked, setChecked] = useState<Checked | null>(null);
  const [error, setError] = useState<{ title: string; text: string } | null>(null);
  const [checking, setChecking] = useState<string | null>(null);

  const check = async (file: File) => {
    setError(null);
    setChecked(null);
    const name = file.name;
    const fail = (text: string) => setError({ title: m.checkFailedTitle, text });
    if (!['csv', 'xlsx'].includes(extensionOf(name))) return fail(m.importWrongType(name));
    if (file.size > SPECIALTY_IMPORT_MAX_BYTES) return fail(m.importFileTooLarge(name));
    let contentBase64: string;
    try {
      contentBase64 = await readFileAsBase64(file);
    } catch {
      return fail(m.fileReadFailed(name));
    }
    setChecking(name);
    mutation.mutate(
      { examId, fileName: name, contentBase64, dryRun: true },
      {
        onSuccess: (report) => setChecked({ fileName: name, contentBase64, report }),
        onError: (e) => fail(errorMessageOf(e)),
        onSettled: () => setChecking(null),
      },
    );
  };

  const confirm = () => {
    if (!checked) return;
    setError(null);
    mutation.mutate(
      { examId, fileName: checked.fileName, contentBase64: checked.contentBase64, dryRun: false },
      {
        onSuccess: (report) => {
          setChecked({ ...checked, report });
          if (report.applied) void message.success(m.importDone(report.created, report.updated));
        },
        onError: (e) => setError({ title: m.importFailedTitle, text: errorMessageOf(e) }),
      },
    );
  };

  const canConfirm =
    checked !== null && !checked.report.applied && checked.report.errors.length === 0;

  return (
    <div className="specialty-import">
      <p className="form-note">{m.importIntro}</p>
      <p className="form-note">{m.importSteps}</p>
      {error && <FormErrorAlert title={error.title} error={error.text} />}
      <Flex gap={12} wrap align="center">
        <Upload
          accept=".csv,.xlsx"
          showUploadList={false}
          multiple={false}
          disabled={mutation.isPending}
          beforeUpload={(file) => {
            void check(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined aria-hidden />} loading={checking !== null}>
            {checking ? m.checking(checking) : checked ? m.chooseAnother : m.chooseImportFile}
          </Button>
        </Upload>
        {canConfirm && (
          <Button
            type="primary"
            loading={mutation.isPending && checking === null}
            onClick={confirm}
          >
            {m.confirmImport}
          </Button>
        )}
      </Flex>
      {checked && <ReportView checked={checked} />}
    </div>
  );
}
