import type { ReviewDashboard } from '@hqe/core';
import { Table, type TableColumnsType } from 'antd';
import { formatInstant } from '../../../lib/format';
import { percentText } from '../chart-data';
import { reviewOversightMessages as m } from '../messages';

type SpecialtyRow = ReviewDashboard['bySpecialty'][number];
type CityRow = ReviewDashboard['byCity'][number];
type ReviewerRow = ReviewDashboard['reviewers'][number];

const byNumber = (a: number, b: number) => a - b;

/** 按专业: submitted and confirmed per specialty, sortable. */
export function SpecialtyTable({ rows }: { rows: ReviewDashboard['bySpecialty'] }) {
  const columns: TableColumnsType<SpecialtyRow> = [
    {
      title: m.specialtyCode,
      dataIndex: 'code',
      width: 72,
      sorter: (a, b) => a.code.localeCompare(b.code),
      defaultSortOrder: 'ascend',
    },
    { title: m.specialtyName, dataIndex: 'name' },
    { title: m.level, dataIndex: 'levelLabel', width: 96, responsive: ['sm'] },
    {
      title: m.submitted,
      dataIndex: 'count',
      align: 'right',
      width: 80,
      sorter: (a, b) => byNumber(a.count, b.count),
    },
    {
      title: m.confirmedCount,
      dataIndex: 'confirmed',
      align: 'right',
      width: 80,
      sorter: (a, b) => byNumber(a.confirmed, b.confirmed),
    },
    {
      title: m.confirmRate,
      key: 'rate',
      align: 'right',
      width: 88,
      responsive: ['md'],
      render: (_, row) => percentText(row.confirmed, row.count),
    },
  ];
  return (
    <Table<SpecialtyRow>
      className="ov-antd-table"
      size="small"
      rowKey={(r) => `${r.code}-${r.level}`}
      columns={columns}
      dataSource={rows}
      pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      locale={{ emptyText: m.noSpecialties }}
      scroll={{ x: 'max-content' }}
    />
  );
}

/** 按报名地市: every city of the area, with the same figures. */
export function CityTable({ rows }: { rows: ReviewDashboard['byCity'] }) {
  const columns: TableColumnsType<CityRow> = [
    {
      title: m.cityName,
      dataIndex: 'name',
      render: (name: string, row) => (row.active ? name : `${name}${m.cityInactive}`),
    },
    {
      title: m.submitted,
      dataIndex: 'count',
      align: 'right',
      width: 80,
      sorter: (a, b) => byNumber(a.count, b.count),
    },
    {
      title: m.confirmedCount,
      dataIndex: 'confirmed',
      align: 'right',
      width: 80,
      sorter: (a, b) => byNumber(a.confirmed, b.confirmed),
    },
    {
      title: m.confirmRate,
      key: 'rate',
      align: 'right',
      width: 88,
      render: (_, row) => percentText(row.confirmed, row.count),
    },
  ];
  return (
    <Table<CityRow>
      className="ov-antd-table"
      size="small"
      rowKey={(r) => String(r.cityId ?? 'none')}
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 'max-content' }}
    />
  );
}

const total = (r: ReviewerRow) => r.confirmed + r.returned + r.qualificationDecisions;

/** 审核员工作量: each reviewer's decisions, with a line per day when a row is expanded. */
export function ReviewerTable({ rows }: { rows: ReviewDashboard['reviewers'] }) {
  const columns: TableColumnsType<ReviewerRow> = [
    { title: m.reviewerName, dataIndex: 'name' },
    {
      title: m.reviewerConfirmed,
      dataIndex: 'confirmed',
      align: 'right',
      sorter: (a, b) => byNumber(a.confirmed, b.confirmed),
    },
    {
      title: m.reviewerReturned,
      dataIndex: 'returned',
      align: 'right',
      sorter: (a, b) => byNumber(a.returned, b.returned),
    },
    {
      title: m.reviewerQualification,
      dataIndex: 'qualificationDecisions',
      align: 'right',
      responsive: ['sm'],
      sorter: (a, b) => byNumber(a.qualificationDecisions, b.qualificationDecisions),
    },
    {
      title: m.reviewerTotal,
      key: 'total',
      align: 'right',
      render: (_, row) => total(row),
      sorter: (a, b) => byNumber(total(a), total(b)),
    },
    {
      title: m.reviewerLast,
      dataIndex: 'lastDecisionAt',
      responsive: ['md'],
      render: (iso: string) => <span className="nowrap">{formatInstant(iso)}</span>,
    },
  ];
  return (
    <Table<ReviewerRow>
      className="ov-antd-table"
      size="small"
      rowKey="accountId"
      columns={columns}
      dataSource={rows}
      pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      locale={{ emptyText: m.noReviewers }}
      scroll={{ x: 'max-content' }}
      expandable={{
        rowExpandable: (row) => row.perDay.length > 0,
        expandedRowRender: (row) => (
          <table className="ov-table ov-table-inner">
            <caption className="visually-hidden">{`${row.name} ${m.reviewersTitle}`}</caption>
            <thead>
              <tr>
                <th scope="col">{m.date}</th>
                <th scope="col">{m.reviewerConfirmed}</th>
                <th scope="col">{m.reviewerReturned}</th>
                <th scope="col">{m.reviewerQualification}</th>
              </tr>
            </thead>
            <tbody>
              {[...row.perDay].reverse().map((d) => (
                <tr key={d.date}>
                  <th scope="row">{d.date}</th>
                  <td>{d.confirmed}</td>
                  <td>{d.returned}</td>
                  <td>{d.qualificationDecisions}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ),
      }}
    />
  );
}
