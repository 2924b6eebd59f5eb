import {
  ELIGIBILITY_LABELS,
  FEE_PER_SUBJECT_MAX_FEN,
  type AdminSpecialty,
  type OfferingList,
} from '@hqe/core';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Flex,
  Grid,
  Input,
  Space,
  Switch,
  Table,
  type TableColumnsType,
} from 'antd';
import { useMemo, useState } from 'react';
import { FormErrorAlert } from '../../../components/form-modal';
import { Loading } from '../../../components/loading';
import { QueryError } from '../../../components/query-error';
import { errorMessageOf } from '../../../lib/api-client';
import { useOfferings } from '../api/list-offerings';
import { useSpecialties } from '../api/list-specialties';
import { usePutOfferings } from '../api/put-offerings';
import { issuesOf } from '../issues';
import { CATEGORY_LABELS, examAdminMessages as m } from '../messages';
import { fenToYuan, yuanToFen } from '../money';
import type { CycleArea } from './admin-scope';

interface Row {
  specialtyId: number;
  code: string;
  name: string;
  level: AdminSpecialty['level'];
  category: AdminSpecialty['category'];
  subjects: number;
}
interface Choice {
  active: boolean;
  fee: string;
}
type Choices = Partial<Record<number, Choice>>;

/** Every specialty of the exam, with those offered before (even if no longer in the table). */
function rowsOf(specialties: AdminSpecialty[], offerings: OfferingList): Row[] {
  const rows = new Map<number, Row>();
  for (const s of specialties) {
    rows.set(s.id, {
      specialtyId: s.id,
      code: s.code,
      name: s.name,
      level: s.level,
      category: s.category,
      subjects: s.subjects.length,
    });
  }
  for (const o of offerings.items) {
    if (!rows.has(o.specialtyId)) {
      rows.set(o.specialtyId, {
        specialtyId: o.specialtyId,
        code: o.code,
        name: o.name,
        level: o.level,
        category: o.category,
        subjects: o.subjects.length,
      });
    }
  }
  return [...rows.values()].sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
}

function choicesOf(offerings: OfferingList): Choices {
  const out: Choices = {};
  for (const o of offerings.items) {
    out[o.specialtyId] = { active: o.active, fee: fenToYuan(o.feePerSubjectFen) };
  }
  return out;
}

/** Why a fee as typed cannot be saved, or null. */
function feeProblem(text: string): string | null {
  if (text.trim() === '') return m.feeRequired;
  const fen = yuanToFen(text);
  if (fen === null) return m.feeInvalid;
  if (fen > FEE_PER_SUBJECT_MAX_FEN) return m.feeTooHigh;
  return null;
}

function sameChoices(a: Choices, b: Choices, rows: Row[]): boolean {
  return rows.every((row) => {
    const x = a[row.specialtyId];
    const y = b[row.specialtyId];
    const xa = x?.active === true;
    const ya = y?.active === true;
    if (xa !== ya) return false;
    if (!x?.active) return true;
    return yuanToFen(x.fee) === yuanToFen(y?.fee ?? '');
  });
}

function OfferingsTable({
  scope,
  specialties,
  offerings,
}: {
  scope: CycleArea;
  specialties: AdminSpecialty[];
  offerings: OfferingList;
}) {
  const { message } = App.useApp();
  const wide = Grid.useBreakpoint().md === true;
  const mutation = usePutOfferings();
  const rows = useMemo(() => rowsOf(specialties, offerings), [specialties, offerings]);
  const [baseline, setBaseline] = useState<Choices>(() => choicesOf(offerings));
  const [choices, setChoices] = useState<Choices>(baseline);
  const [showErrors, setShowErrors] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<number, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [onlyActive, setOnlyActive] = useState(false);
  const [bulkFee, setBulkFee] = useState('');
  const [bulkError, setBulkError] = useState<string | null>(null);

  const choiceOf = (id: number): Choice => choices[id] ?? { active: false, fee: '' };
  const change = (id: number, next: Partial<Choice>) => {
    setChoices((prev) => ({
      ...prev,
      [id]: { ...(prev[id] ?? { active: false, fee: '' }), ...next },
    }));
    setServerErrors((prev) => {
      const { [id]: _gone, ...rest } = prev;
      return rest;
    });
    setFormError(null);
  };
  const errorOf = (row: Row): string | null => {
    const choice = choiceOf(row.specialtyId);
    if (!choice.active) return null;
    return serverErrors[row.specialtyId] ?? (showErrors ? feeProblem(choice.fee) : null);
  };

  const activeRows = rows.filter((row) => choiceOf(row.specialtyId).active);
  const invalid = activeRows.filter((row) => feeProblem(choiceOf(row.specialtyId).fee) !== null);
  const dirty = !sameChoices(choices, baseline, rows);
  const q = query.trim().toLowerCase();
  const visible = rows.filter(
    (row) =>
      (!onlyActive || choiceOf(row.specialtyId).active) &&
      (q === '' || row.code.toLowerCase().includes(q) || row.name.toLowerCase().includes(q)),
  );

  const applyBulk = () => {
    const problem = feeProblem(bulkFee);
    setBulkError(problem);
    if (problem) return;
    const fee = fenToYuan(yuanToFen(bulkFee) ?? 0);
    setChoices((prev) => {
      const next = { ...prev };
      for (const row of activeRows) next[row.specialtyId] = { active: true, fee };
      return next;
    });
    setServerErrors({});
  };

  const save = () => {
    setFormError(null);
    setShowErrors(true);
    if (invalid.length > 0) {
      document.getElementById(`fee-${invalid[0]?.specialtyId ?? 0}`)?.focus();
      return;
    }
    const payload = activeRows.map((row) => ({
      specialtyId: row.specialtyId,
      feePerSubjectFen: yuanToFen(choiceOf(row.specialtyId).fee) ?? 0,
    }));
    mutation.mutate(
      { cycleId: scope.cycle.id, examAreaId: scope.area.id, offerings: payload },
      {
        onSuccess: (saved) => {
          const next = choicesOf(saved);
          setBaseline(next);
          setChoices(next);
          setShowErrors(false);
          void message.success(m.offeringsSaved(saved.items.filter((o) => o.active).length));
        },
        onError: (error) => {
          const byRow: Record<number, string> = {};
          for (const issue of issuesOf(error)) {
            const [root, index] = issue.path;
            const id = root === 'offerings' ? payload[Number(index)]?.specialtyId : undefined;
            if (id !== undefined) byRow[id] = issue.message;
          }
          setServerErrors(byRow);
          setFormError(errorMessageOf(error));
        },
      },
    );
  };

  const feeCell = (row: Row) => {
    const choice = choiceOf(row.specialtyId);
    const error = errorOf(row);
    const errorId = `fee-${row.specialtyId}-error`;
    return (
      <div className="fee-cell">
        <Input
          id={`fee-${row.specialtyId}`}
          className="fee-input"
          value={choice.fee}
          disabled={!choice.active}
          inputMode="decimal"
          maxLength={10}
          suffix="元"
          status={error ? 'error' : undefined}
          aria-label={m.feeLabel(`${row.code} ${row.name}`)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => change(row.specialtyId, { fee: event.target.value })}
        />
        {error && (
          <div id={errorId} className="field-error">
            {error}
          </div>
        )}
      </div>
    );
  };
  const activeCell = (row: Row) => (
    <Switch
      checked={choiceOf(row.specialtyId).active}
      aria-label={m.offeredLabel(`${row.code} ${row.name}`)}
      onChange={(active) => change(row.specialtyId, { active })}
    />
  );
  const level = (row: Row) => ELIGIBILITY_LABELS.level[row.level];

  const columns: TableColumnsType<Row> = wide
    ? [
        {
          title: m.colCode,
          dataIndex: 'code',
          key: 'code',
          width: 90,
          render: (code: string) => <span className="mono">{code}</span>,
        },
        { title: m.colName, dataIndex: 'name', key: 'name' },
        { title: m.colLevel, key: 'level', width: 100, render: (_, row) => level(row) },
        {
          title: m.colCategory,
          key: 'category',
          width: 90,
          render: (_, row) => CATEGORY_LABELS[row.category],
        },
        { title: m.colOffered, key: 'active', width: 80, render: (_, row) => activeCell(row) },
        { title: m.colFee, key: 'fee', width: 200, render: (_, row) => feeCell(row) },
      ]
    : [
        {
          title: m.colName,
          key: 'specialty',
          render: (_, row) => (
            <div className="cell-stack">
              <strong>{row.name}</strong>
              <span className="muted">
                <span className="mono">{row.code}</span> · {level(row)}
              </span>
            </div>
          ),
        },
        {
          title: `${m.colOffered} / ${m.colFee}`,
          key: 'offer',
          width: 150,
          render: (_, row) => (
            <div className="cell-stack">
              {activeCell(row)}
              {feeCell(row)}
            </div>
          ),
        },
      ];

  return (
    <div className="offerings">
      <Alert className="form-alert" type="info" showIcon title={m.offeringsHint} />
      <FormErrorAlert title={m.offeringsSaveFailedTitle} error={formError} />
      {showErrors && invalid.length > 0 && (
        <Alert
          className="form-alert"
          type="error"
          showIcon
          role="alert"
          title={m.offeringsInvalid(invalid.length)}
        />
      )}
      <Flex className="toolbar" gap={12} wrap justify="space-between" align="center">
        <Flex gap={12} wrap align="center" className="toolbar-filters">
          <Input.Search
            className="toolbar-search"
            aria-label={m.offeringsSearchLabel}
            placeholder={m.offeringsSearchPlaceholder}
            allowClear
            onChange={(event) => setQuery(event.target.value)}
            onSearch={setQuery}
          />
          <Checkbox checked={onlyActive} onChange={(event) => setOnlyActive(event.target.checked)}>
            {m.offeringsOnlyActive}
          </Checkbox>
        </Flex>
        <div className="bulk-fee">
          <label htmlFor="bulk-fee" className="visually-hidden">
            {m.applyFeeLabel}
          </label>
          <Space.Compact>
            <Input
              id="bulk-fee"
              className="bulk-fee-input"
              value={bulkFee}
              placeholder={m.applyFee}
              inputMode="decimal"
              maxLength={10}
              suffix="元"
              status={bulkError ? 'error' : undefined}
              aria-invalid={bulkError ? true : undefined}
              aria-describedby={bulkError ? 'bulk-fee-error' : undefined}
              onChange={(event) => {
                setBulkFee(event.target.value);
                setBulkError(null);
              }}
              onPressEnter={applyBulk}
            />
            <Button onClick={applyBulk}>{m.applyFeeButton}</Button>
          </Space.Compact>
          {bulkError && (
            <div id="bulk-fee-error" className="field-error">
              {bulkError}
            </div>
          )}
        </div>
      </Flex>
      <Table<Row>
        className="data-table offerings-table"
        size={wide ? 'small' : 'small'}
        rowKey="specialtyId"
        columns={columns}
        dataSource={visible}
        pagination={false}
        locale={{ emptyText: m.noSpecialties }}
        sticky={wide ? { offsetHeader: 64 } : undefined}
      />
      <div className="save-bar" role="region" aria-label={m.saveOfferings}>
        <span className="save-bar-summary" aria-live="polite">
          {m.offeringsSummary(activeRows.length, rows.length)}
          {dirty && <span className="unsaved">（{m.unsavedChanges}）</span>}
        </span>
        <Button type="primary" loading={mutation.isPending} onClick={save}>
          {m.saveOfferings}
        </Button>
      </div>
    </div>
  );
}

/** 开考专业与收费: which specialties an area offers in a cycle and the fee per subject. */
export function OfferingsEditor({ scope }: { scope: CycleArea }) {
  const specialties = useSpecialties(scope.cycle.examId);
  const offerings = useOfferings({ cycleId: scope.cycle.id, examAreaId: scope.area.id });
  if (specialties.isPending || offerings.isPending) return <Loading />;
  if (specialties.isError) {
    return (
      <QueryError
        error={specialties.error}
        title={m.specialtiesLoadFailed}
        onRetry={() => void specialties.refetch()}
      />
    );
  }
  if (offerings.isError) {
    return (
      <QueryError
        error={offerings.error}
        title={m.offeringsLoadFailed}
        onRetry={() => void offerings.refetch()}
      />
    );
  }
  return (
    <OfferingsTable
      key={`${scope.cycle.id}-${scope.area.id}`}
      scope={scope}
      specialties={specialties.data.items}
      offerings={offerings.data}
    />
  );
}
