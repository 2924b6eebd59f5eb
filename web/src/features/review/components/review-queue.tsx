import {
  CheckOutlined,
  ReloadOutlined,
  RollbackOutlined,
  ThunderboltOutlined,
} from '@ant-design/icons';
import {
  BULK_DECISION_MAX,
  REVIEW_STAGE_LABELS,
  type AccountView,
  type ReviewQueueItem,
} from '@hqe/core';
import { Alert, Button, Flex, Input, Select, Tabs } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Loading } from '../../../components/loading';
import { QueryError } from '../../../components/query-error';
import { useCatalogOverview } from '../api/lookups';
import { useClaimNext, useReviewQueue } from '../api/review';
import { claimStateOf } from '../claim';
import { cyclesOfArea, pickCycle } from '../cycles';
import { decisionProblemOf } from '../decision-errors';
import {
  parseQueueParams,
  QUEUE_SEARCH_MAX,
  readQueueSearch,
  rememberQueueSearch,
  toClaimNextBody,
  toQueueParams,
  toWireFilters,
  type QueueState,
} from '../filters';
import { reviewMessages as m } from '../messages';
import { joinPages, keepSelected } from '../paging';
import { reviewStagesFor, type StageAccess } from '../stages';
import { BulkDecisionModal, type BulkDecision } from './bulk-decision';
import { QueueFilters } from './queue-filters';
import { QueueTable } from './queue-table';

/** The decision screen of a registration, keeping the queue's filters for 返回 and 下一条. */
export function decisionPath(registrationId: number, state: QueueState): string {
  return `/console/review/${registrationId}?${toQueueParams(state).toString()}`;
}

/**
 * 审核队列: the stage tabs of the account's roles, the filters (kept in the address; the search
 * text in this tab's sessionStorage only), the list
 * with keyset "加载更多", 「领取下一条」 and, for confirmation reviewers, bulk decisions.
 */
export function ReviewQueue({ account }: { account: AccountView }) {
  const area = account.examArea;
  const stages = reviewStagesFor(account);
  const [params, setParams] = useSearchParams();
  // The search text stays out of the address (it may be a document number): page state, kept for
  // this tab in sessionStorage so that 「返回审核队列」 finds it again.
  const [q, setQ] = useState(() => readQueueSearch());
  const state: QueueState = {
    ...parseQueueParams(
      params,
      stages.map((s) => s.stage),
    ),
    ...(q ? { q } : {}),
  };
  const overview = useCatalogOverview();
  const staleSearchInAddress = params.has('q');

  // An address from before the search left it (a bookmark, the history): drop its `q`.
  useEffect(() => {
    if (staleSearchInAddress) {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          next.delete('q');
          return next;
        },
        { replace: true },
      );
    }
  }, [staleSearchInAddress, setParams]);

  if (!area) return <Alert type="info" showIcon title={m.noArea} className="page-alert" />;
  if (stages.length === 0) {
    return <Alert type="info" showIcon title={m.noStage} className="page-alert" />;
  }

  const update = (next: QueueState, push = false) => {
    if (next.q !== q) {
      setQ(next.q);
      rememberQueueSearch(next.q);
    }
    setParams(toQueueParams(next), { replace: !push });
  };

  if (overview.isPending) return <Loading />;
  if (overview.isError) {
    return (
      <QueryError
        error={overview.error}
        title={m.cyclesLoadFailed}
        onRetry={() => void overview.refetch()}
      />
    );
  }
  const cycles = cyclesOfArea(overview.data, area.id);
  const cycle = pickCycle(cycles, state.cycleId);
  if (!cycle) return <Alert type="info" showIcon title={m.noCycle} className="page-alert" />;

  return (
    <Tabs
      className="rv-stage-tabs"
      activeKey={state.stage}
      onChange={(key) => {
        const stage = stages.find((s) => s.stage === key)?.stage;
        if (stage) update({ stage, cycleId: state.cycleId }, true);
      }}
      items={stages.map((access) => ({
        key: access.stage,
        label: (
          <span>
            {REVIEW_STAGE_LABELS[access.stage]}
            {!access.canDecide && <span className="rv-tab-note">（{m.readOnlyStage}）</span>}
          </span>
        ),
        children:
          access.stage === state.stage ? (
            <StageQueue
              key={access.stage}
              areaCode={area.code}
              access={access}
              state={state}
              cycles={cycles}
              cycleId={cycle.id}
              onChange={update}
            />
          ) : null,
      }))}
    />
  );
}

interface StageQueueProps {
  areaCode: string;
  access: StageAccess;
  state: QueueState;
  cycles: ReturnType<typeof cyclesOfArea>;
  cycleId: number;
  onChange: (next: QueueState) => void;
}

function StageQueue({ areaCode, access, state, cycles, cycleId, onChange }: StageQueueProps) {
  const navigate = useNavigate();
  const wire = toWireFilters(state, cycleId);
  const queue = useReviewQueue(wire);
  const claimNext = useClaimNext();
  const [selected, setSelected] = useState<number[]>([]);
  // The rows a bulk decision acts on, kept as they were when the dialog opened: the list reloads
  // (and decided rows leave it) while the outcome is shown.
  const [bulk, setBulk] = useState<{ decision: BulkDecision; items: ReviewQueueItem[] } | null>(
    null,
  );
  const [emptyNotice, setEmptyNotice] = useState(false);

  const loaded = joinPages(queue.data?.pages ?? []);
  const canBulk = access.canDecide && access.stage === 'confirmation';
  const stillSelected = keepSelected(selected, loaded.items);
  const selectedItems = loaded.items.filter((item) => stillSelected.includes(item.registrationId));

  const patch = (change: Partial<QueueState>) => {
    setSelected([]);
    setEmptyNotice(false);
    onChange({ ...state, ...change });
  };

  const takeNext = () => {
    setEmptyNotice(false);
    claimNext.mutate(toClaimNextBody(state, cycleId), {
      onSuccess: ({ claim }) => {
        if (!claim) {
          setEmptyNotice(true);
          return;
        }
        void navigate(decisionPath(claim.registrationId, { ...state, cycleId }));
      },
    });
  };

  const selectable = (item: ReviewQueueItem) =>
    item.status === 'submitted' && claimStateOf(item.claim).kind !== 'other';

  const claimProblem = claimNext.isError ? decisionProblemOf(claimNext.error) : null;

  return (
    <div className="rv-queue">
      <Flex className="rv-queue-bar" gap={12} wrap align="center" justify="space-between">
        <Flex gap={12} wrap align="center" className="rv-queue-search">
          {cycles.length > 1 && (
            <Select<number>
              aria-label={m.cycleLabel}
              className="rv-cycle-select"
              value={cycleId}
              options={cycles.map((c) => ({ value: c.id, label: c.name }))}
              onChange={(id) => patch({ cycleId: id })}
            />
          )}
          <Input.Search
            key={state.q ?? ''}
            className="rv-search"
            aria-label={m.searchLabel}
            placeholder={m.searchPlaceholder}
            defaultValue={state.q}
            allowClear
            enterButton={m.search}
            maxLength={QUEUE_SEARCH_MAX}
            onSearch={(value) => patch({ q: value.trim() || undefined })}
          />
        </Flex>
        <Flex gap={8} wrap>
          <Button
            icon={<ReloadOutlined aria-hidden />}
            onClick={() => void queue.refetch()}
            loading={queue.isRefetching && !queue.isFetchingNextPage}
          >
            {m.refresh}
          </Button>
          {access.canDecide && (
            <Button
              type="primary"
              size="large"
              className="rv-claim-next"
              icon={<ThunderboltOutlined aria-hidden />}
              loading={claimNext.isPending}
              onClick={takeNext}
              aria-describedby="rv-claim-next-hint"
            >
              {m.claimNext}
            </Button>
          )}
        </Flex>
      </Flex>
      {access.canDecide ? (
        <p id="rv-claim-next-hint" className="form-note">
          {m.claimNextHint}
        </p>
      ) : (
        <p className="form-note">{m.queueReadOnly}</p>
      )}
      <div aria-live="polite">
        {emptyNotice && (
          <Alert
            type="info"
            showIcon
            title={m.queueEmpty}
            closable={{ onClose: () => setEmptyNotice(false) }}
            className="form-alert"
          />
        )}
      </div>
      {claimProblem && (
        <Alert
          type="error"
          showIcon
          role="alert"
          className="form-alert"
          title={`${m.claimNextFailed}：${claimProblem.message}`}
          description={claimProblem.hint}
        />
      )}

      <QueueFilters
        areaCode={areaCode}
        cycleId={cycleId}
        state={state}
        onChange={patch}
        onClear={() => patch({ ...clearedFilters, q: state.q })}
      />

      {queue.isError && (
        <QueryError
          error={queue.error}
          title={m.listLoadFailed}
          onRetry={() => void queue.refetch()}
        />
      )}

      <Flex gap={12} wrap align="center" justify="space-between" className="rv-list-head">
        <p className="rv-total" role="status" aria-live="polite">
          {queue.data ? m.total(loaded.total, loaded.items.length) : ''}
        </p>
        {canBulk && <p className="form-note rv-bulk-hint">{m.bulkHint(BULK_DECISION_MAX)}</p>}
      </Flex>

      {canBulk && stillSelected.length > 0 && (
        <Flex
          className="rv-bulk-bar"
          gap={8}
          wrap
          align="center"
          role="region"
          aria-label={m.selected(stillSelected.length)}
        >
          <strong>{m.selected(stillSelected.length)}</strong>
          <Button
            type="primary"
            icon={<CheckOutlined aria-hidden />}
            onClick={() => setBulk({ decision: 'confirm', items: selectedItems })}
          >
            {m.bulkConfirm}
          </Button>
          <Button
            danger
            icon={<RollbackOutlined aria-hidden />}
            onClick={() => setBulk({ decision: 'return', items: selectedItems })}
          >
            {m.bulkReturn}
          </Button>
          <Button type="link" onClick={() => setSelected([])}>
            {m.clearSelection}
          </Button>
        </Flex>
      )}

      <QueueTable
        items={loaded.items}
        loading={queue.isPending || (queue.isFetching && !queue.isFetchingNextPage)}
        hrefOf={(item) => decisionPath(item.registrationId, { ...state, cycleId })}
        emptyText={queue.isError ? ' ' : m.empty}
        selection={
          canBulk ? { selected: stillSelected, onChange: setSelected, selectable } : undefined
        }
      />

      <Flex justify="center" className="rv-load-more">
        {queue.hasNextPage ? (
          <Button onClick={() => void queue.fetchNextPage()} loading={queue.isFetchingNextPage}>
            {m.loadMore}
          </Button>
        ) : (
          loaded.items.length > 0 && <span className="muted">{m.allLoaded}</span>
        )}
      </Flex>

      {canBulk && (
        <BulkDecisionModal
          decision={bulk?.decision ?? null}
          items={bulk?.items ?? []}
          onClose={(done) => {
            setBulk(null);
            if (done) setSelected([]);
          }}
        />
      )}
    </div>
  );
}

const clearedFilters: Partial<QueueState> = {
  status: undefined,
  specialtyCode: undefined,
  level: undefined,
  cityId: undefined,
  testSiteId: undefined,
  returning: undefined,
  autoFailed: undefined,
  submittedFrom: undefined,
  submittedTo: undefined,
};
