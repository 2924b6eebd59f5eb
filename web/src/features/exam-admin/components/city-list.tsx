import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  EditOutlined,
  PlusOutlined,
  ReloadOutlined,
} from '@ant-design/icons';
import type { AdminRegistrationCity } from '@hqe/core';
import { App, Button, Flex, Grid, Popconfirm, Space, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { QueryError } from '../../../components/query-error';
import { StatusTag } from '../../../components/status-tag';
import { errorMessageOf } from '../../../lib/api-client';
import type { ExamAreaRef } from '../../../lib/types';
import { useCities, useReorderCities, useSetCityActive } from '../api/cities';
import { examAdminMessages as m } from '../messages';
import { CityModal } from './city-modal';

type Direction = 'up' | 'down';
const moveButtonId = (id: number, direction: Direction) => `city-move-${direction}-${id}`;

function CityActions({
  city,
  index,
  count,
  stacked,
  onMove,
  onRename,
}: {
  city: AdminRegistrationCity;
  index: number;
  count: number;
  stacked: boolean;
  onMove: (city: AdminRegistrationCity, direction: Direction) => void;
  onRename: (city: AdminRegistrationCity) => void;
}) {
  const { message } = App.useApp();
  const setActive = useSetCityActive();
  return (
    <Space
      size={stacked ? 4 : 0}
      wrap
      role="group"
      aria-label={m.cityActionsLabel(city.name)}
      className={stacked ? 'cell-actions' : undefined}
    >
      <Button
        id={moveButtonId(city.id, 'up')}
        type="link"
        icon={<ArrowUpOutlined aria-hidden />}
        aria-label={m.moveUpLabel(city.name)}
        disabled={index === 0}
        onClick={() => onMove(city, 'up')}
      >
        {m.moveUp}
      </Button>
      <Button
        id={moveButtonId(city.id, 'down')}
        type="link"
        icon={<ArrowDownOutlined aria-hidden />}
        aria-label={m.moveDownLabel(city.name)}
        disabled={index === count - 1}
        onClick={() => onMove(city, 'down')}
      >
        {m.moveDown}
      </Button>
      <Button
        type="link"
        icon={<EditOutlined aria-hidden />}
        aria-label={m.renameCityLabel(city.name)}
        onClick={() => onRename(city)}
      >
        {m.renameCity}
      </Button>
      <Popconfirm
        title={city.active ? m.confirmCityDeactivate(city.name) : m.confirmCityActivate(city.name)}
        description={city.active ? m.confirmCityDeactivateHint : undefined}
        okText={city.active ? m.cityDeactivate : m.cityActivate}
        cancelText={m.confirmCancel}
        okButtonProps={{ danger: city.active }}
        getPopupContainer={() => document.getElementById('main') ?? document.body}
        onConfirm={() =>
          setActive.mutate(
            { id: city.id, active: !city.active },
            {
              onSuccess: () =>
                void message.success(
                  city.active ? m.cityDeactivated(city.name) : m.cityActivated(city.name),
                ),
              onError: (error) => void message.error(`${m.actionFailed}：${errorMessageOf(error)}`),
            },
          )
        }
      >
        <Button
          type="link"
          danger={city.active}
          loading={setActive.isPending}
          aria-label={`${city.active ? m.cityDeactivate : m.cityActivate}：${city.name}`}
        >
          {city.active ? m.cityDeactivate : m.cityActivate}
        </Button>
      </Popconfirm>
    </Space>
  );
}

/**
 * 报名地市: an area's registration cities in the order candidates see them; add, rename, move up
 * or down, take out of use and back. Cities are never deleted.
 */
export function CityList({ area }: { area: ExamAreaRef }) {
  const { message } = App.useApp();
  const wide = Grid.useBreakpoint().md === true;
  const cities = useCities(area.id);
  const reorder = useReorderCities();
  const [renaming, setRenaming] = useState<AdminRegistrationCity | null>(null);
  const [creating, setCreating] = useState(false);
  const items = cities.data?.items ?? [];
  const activeCount = items.filter((c) => c.active).length;

  const move = (city: AdminRegistrationCity, direction: Direction) => {
    if (reorder.isPending) return; // one move at a time, each from the list as saved
    const from = items.findIndex((c) => c.id === city.id);
    const to = direction === 'up' ? from - 1 : from + 1;
    if (from < 0 || to < 0 || to >= items.length) return;
    const ids = items.map((c) => c.id);
    [ids[from], ids[to]] = [ids[to] as number, ids[from] as number];
    reorder.mutate(
      { examAreaId: area.id, cityIds: ids },
      {
        onSuccess: () => {
          void message.success(m.cityMoved(city.name, to + 1));
          // Keep the keyboard where it was: on the same city's button, or its twin at the ends.
          requestAnimationFrame(() => {
            const atEnd = direction === 'up' ? to === 0 : to === items.length - 1;
            const other: Direction = direction === 'up' ? 'down' : 'up';
            document.getElementById(moveButtonId(city.id, atEnd ? other : direction))?.focus();
          });
        },
        onError: (error) => void message.error(`${m.actionFailed}：${errorMessageOf(error)}`),
      },
    );
  };

  const status = (city: AdminRegistrationCity) =>
    city.active ? (
      <StatusTag tone="success">{m.cityActive}</StatusTag>
    ) : (
      <StatusTag tone="neutral">{m.cityInactive}</StatusTag>
    );
  const actions = (city: AdminRegistrationCity, index: number) => (
    <CityActions
      city={city}
      index={index}
      count={items.length}
      stacked={!wide}
      onMove={move}
      onRename={setRenaming}
    />
  );
  const columns: TableColumnsType<AdminRegistrationCity> = wide
    ? [
        { title: m.colOrder, key: 'order', width: 72, render: (_, _city, i) => i + 1 },
        {
          title: m.colCode,
          dataIndex: 'code',
          key: 'code',
          width: 110,
          render: (code: string) => <span className="mono">{code}</span>,
        },
        { title: m.colName, dataIndex: 'name', key: 'name' },
        { title: m.colStatus, key: 'status', width: 96, render: (_, city) => status(city) },
        { title: m.colActions, key: 'actions', render: (_, city, i) => actions(city, i) },
      ]
    : [
        {
          title: m.colCity,
          key: 'city',
          render: (_, city, i) => (
            <div className="cell-stack">
              <strong>
                {i + 1}. {city.name}
              </strong>
              <span className="mono">{city.code}</span>
              {status(city)}
              {actions(city, i)}
            </div>
          ),
        },
      ];

  return (
    <>
      <p className="form-note">{m.citiesHint}</p>
      <Flex className="toolbar" gap={8} wrap justify="flex-end">
        <Button icon={<ReloadOutlined aria-hidden />} onClick={() => void cities.refetch()}>
          {m.refresh}
        </Button>
        <Button
          type="primary"
          icon={<PlusOutlined aria-hidden />}
          onClick={() => setCreating(true)}
        >
          {m.createCity}
        </Button>
      </Flex>
      {cities.isError && (
        <QueryError
          error={cities.error}
          title={m.citiesLoadFailed}
          onRetry={() => void cities.refetch()}
        />
      )}
      <section aria-label={m.citiesTableLabel}>
        <Table<AdminRegistrationCity>
          className="data-table"
          size={wide ? undefined : 'small'}
          rowKey="id"
          columns={columns}
          dataSource={items}
          loading={cities.isFetching || reorder.isPending}
          rowClassName={(city) => (city.active ? '' : 'row-inactive')}
          locale={{ emptyText: cities.isError ? ' ' : m.noCities }}
          pagination={false}
          footer={items.length > 0 ? () => m.citiesTotal(activeCount, items.length) : undefined}
        />
      </section>
      <CityModal
        key={renaming ? `rename-${renaming.id}` : 'create'}
        open={creating || renaming !== null}
        city={renaming}
        examAreaId={area.id}
        onClose={() => {
          setCreating(false);
          setRenaming(null);
        }}
      />
    </>
  );
}
