import { UploadOutlined } from '@ant-design/icons';
import {
  formatShanghai,
  PREVIOUS_RESULTS_IMPORT_MAX_BYTES,
  type ImportIssue,
  type PreviousResultsImportReport,
} from '@hqe/core';
import { Alert, App, Button, Descriptions, Flex, InputNumber, Table, Upload } from 'antd';
import { useId, useState } from 'react';
import { FormErrorAlert } from '../../../components/form-modal';
import { QueryError } from '../../../components/query-error';
import { errorMessageOf } from '../../../lib/api-client';
import type { ExamAreaRef } from '../../../lib/types';
import { useImportPreviousResults, usePreviousResultsSummary } from '../api/previous-results';
import { previousResultsMessages as m } from '../previous-results-messages';
import { extensionOf, readFileAsBase64 } from '../read-file';

interface Checked {
  fileName: string;
  contentBase64: string;
  year: number;
  report: PreviousResultsImportReport;
}

/** Counts per year and the last import of an area: no personal data. */
function Summary({ area }: { area: ExamAreaRef }) {
  const summary = usePreviousResultsSummary(area.id);
  if (summary.isError) {
    return (
      <QueryError
        error={summary.error}
        title={m.summaryLoadFailed}
        onRetry={() => void summary.refetch()}
      />
    );
  }
  const data = summary.data;
  return (
    <section aria-labelledby="previous-results-summary">
      <h2 id="previous-results-summary" className="notice-subtitle">
        {m.summaryTitle}
      </h2>
      {data && data.years.length === 0 ? (
        <p className="form-note">{m.noResults}</p>
      ) : (
        <Table
          className="data-table"
          size="small"
          rowKey="year"
          loading={summary.isPending}
          dataSource={data?.years ?? []}
          pagination={false}
          columns={[
            { title: m.colYear, dataIndex: 'year', key: 'year' },
            { title: m.colCount, dataIndex: 'count', key: 'count' },
            { title: m.colAbsent, dataIndex: 'absent', key: 'absent' },
            { title: m.colDisciplined, dataIndex: 'disciplined', key: 'disciplined' },
          ]}
        />
      )}
      {data?.lastImport && (
        <p className="form-note">
          {m.lastImport(
            data.lastImport.year,
            data.lastImport.fileName,
            data.lastImport.rowCount,
            formatShanghai(new Date(data.lastImport.importedAt)),
            data.lastImport.importedBy,
          )}
        </p>
      )}
    </section>
  );
}

function ReportView({ checked }: { checked: Checked }) {
  const { report } = checked;
  const applied = report.applied;
  return (
    <section className="import-report" aria-labelledby="previous-import-report">
      <h3 id="previous-import-report" className="notice-subtitle">
        {m.reportTitle(checked.fileName)}
      </h3>
      <Descriptions
        size="small"
        column={{ xs: 2, sm: 4 }}
        items={[
          { key: 'rows', label: m.reportRows, children: report.rows },
          {
            key: 'created',
            label: applied ? m.reportCreatedDone : m.reportCreated,
            children: report.created,
          },
          {
            key: 'replaced',
            label: applied ? m.reportReplacedDone : m.reportReplaced,
            children: report.replaced,
          },
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

/**
 * 历史考生成绩导入 of one area: the counts so far, then choose the year and a file, see the dry
 * run's report with every faulty row, and confirm.
 */
export function PreviousResultsImport({ area }: { area: ExamAreaRef }) {
  const { message } = App.useApp();
  const yearId = useId();
  const mutation = useImportPreviousResults(area.id);
  const [year, setYear] = useState<number | null>(new Date().getFullYear() - 1);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [error, setError] = useState<{ title: string; text: string } | null>(null);
  const [checking, setChecking] = useState<string | null>(null);

  const check = async (file: File) => {
    setError(null);
    setChecked(null);
    const name = file.name;
    const fail = (text: string) => setError({ title: m.checkFailedTitle, text });
    if (year === null) return fail(m.yearRequired);
    if (!['csv', 'xlsx'].includes(extensionOf(name))) return fail(m.wrongType(name));
    if (file.size > PREVIOUS_RESULTS_IMPORT_MAX_BYTES) return fail(m.tooLarge(name));
    let contentBase64: string;
    try {
      contentBase64 = await readFileAsBase64(file);
    } catch {
      return fail(m.readFailed(name));
    }
    setChecking(name);
    mutation.mutate(
      { year, fileName: name, contentBase64, dryRun: true },
      {
        onSuccess: (report) => setChecked({ fileName: name, contentBase64, year, report }),
        onError: (e) => fail(errorMessageOf(e)),
        onSettled: () => setChecking(null),
      },
    );
  };

  const confirm = () => {
    if (!checked) return;
    setError(null);
    mutation.mutate(
      {
        year: checked.year,
        fileName: checked.fileName,
        contentBase64: checked.contentBase64,
        dryRun: false,
      },
      {
        onSuccess: (report) => {
          setChecked({ ...checked, report });
          if (report.applied) void message.success(m.importDone(report.created, report.replaced));
        },
        onError: (e) => setError({ title: m.importFailedTitle, text: errorMessageOf(e) }),
      },
    );
  };

  const canConfirm =
    checked !== null && !checked.report.applied && checked.report.errors.length === 0;

  return (
    <div className="specialty-import">
      <Summary area={area} />
      <h2 className="notice-subtitle">{m.importTitle}</h2>
      <p className="form-note">{m.importIntro}</p>
      <p className="form-note">{m.importSteps}</p>
      {error && <FormErrorAlert title={error.title} error={error.text} />}
      <Flex gap={12} wrap align="center">
        <label htmlFor={yearId}>{m.yearLabel}</label>
        <InputNumber
          id={yearId}
          min={2000}
          max={2100}
          precision={0}
          value={year}
          onChange={(value) => {
            setYear(typeof value === 'number' ? value : null);
            setChecked(null);
          }}
          disabled={mutation.isPending}
        />
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
            {checking ? m.checking(checking) : checked ? m.chooseAnother : m.chooseFile}
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
