import {
  AREA_ELIGIBILITY_RULE_KEYS,
  AREA_ELIGIBILITY_RULE_TEXTS,
  type AreaEligibilityRuleKey,
  type AreaEligibilityRulesView,
  type ExamAreaEligibilityRules,
} from '@hqe/core';
import { Alert, App, Button, Card, Flex, Popconfirm, Switch } from 'antd';
import { useId, useState } from 'react';
import { FormErrorAlert } from '../../../components/form-modal';
import { Loading } from '../../../components/loading';
import { QueryError } from '../../../components/query-error';
import { StatusTag } from '../../../components/status-tag';
import { errorMessageOf } from '../../../lib/api-client';
import { formatInstant } from '../../../lib/format';
import type { ExamAreaRef } from '../../../lib/types';
import { useAreaRules, usePutAreaRules } from '../api/area-rules';
import { examAdminMessages as m } from '../messages';

/** One switch: its title as a heading, what it does when on and when off, and the control. */
function RuleSwitch({
  ruleKey,
  checked,
  changed,
  onChange,
}: {
  ruleKey: AreaEligibilityRuleKey;
  checked: boolean;
  changed: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = useId();
  const text = AREA_ELIGIBILITY_RULE_TEXTS[ruleKey];
  return (
    <Card size="small" className="section-card" role="group" aria-labelledby={`${id}-title`}>
      <Flex justify="space-between" align="flex-start" gap={16} wrap>
        <div style={{ flex: '1 1 280px', minWidth: 0 }}>
          <Flex gap={8} align="center" wrap>
            <h3 id={`${id}-title`} className="section-card-title">
              {text.title}
            </h3>
            <StatusTag tone="info">{m.rulePolicy(text.policy)}</StatusTag>
            {changed && <StatusTag tone="warning">{m.unsavedChanges}</StatusTag>}
          </Flex>
          <p id={`${id}-on`} className="form-note">
            <strong>{m.ruleWhenOn}</strong>
            {text.on}
          </p>
          <p id={`${id}-off`} className="form-note">
            <strong>{m.ruleWhenOff}</strong>
            {text.off}
          </p>
        </div>
        <Flex gap={8} align="center">
          <Switch
            checked={checked}
            onChange={onChange}
            aria-labelledby={`${id}-title`}
            aria-describedby={`${id}-${checked ? 'on' : 'off'}`}
          />
          <span aria-hidden>{checked ? m.ruleOn : m.ruleOff}</span>
        </Flex>
      </Flex>
    </Card>
  );
}

function RulesForm({ area, view }: { area: ExamAreaRef; view: AreaEligibilityRulesView }) {
  const { message } = App.useApp();
  const save = usePutAreaRules();
  const [draft, setDraft] = useState<ExamAreaEligibilityRules>(view.rules);
  const [error, setError] = useState<string | null>(null);
  const changed = AREA_ELIGIBILITY_RULE_KEYS.filter((k) => draft[k] !== view.rules[k]);
  const dirty = changed.length > 0;

  // A save gives the form a new key (see below), so this form unmounts as the stored rules arrive;
  // `mutate`'s own callbacks would be dropped then, and the confirmation with them.
  const submit = async () => {
    setError(null);
    try {
      await save.mutateAsync({ examAreaId: area.id, rules: draft });
      void message.success(m.rulesSaved);
    } catch (e) {
      setError(errorMessageOf(e));
    }
  };

  return (
    <section aria-label={m.rulesFormLabel(area.name)} className="stack">
      {view.isDefault ? (
        <Alert type="info" showIcon title={m.rulesDefaultTitle} description={m.rulesDefault} />
      ) : (
        view.updatedAt && <p className="muted">{m.rulesUpdatedAt(formatInstant(view.updatedAt))}</p>
      )}
      <p className="form-note">{m.rulesHint}</p>
      <FormErrorAlert title={m.rulesSaveFailedTitle} error={error} />
      {AREA_ELIGIBILITY_RULE_KEYS.map((key) => (
        <RuleSwitch
          key={key}
          ruleKey={key}
          checked={draft[key]}
          changed={changed.includes(key)}
          onChange={(checked) => {
            setError(null);
            setDraft((current) => ({ ...current, [key]: checked }));
          }}
        />
      ))}
      <Flex gap={8} wrap className="form-actions">
        <Popconfirm
          title={m.confirmSaveRules}
          description={m.confirmSaveRulesHint}
          okText={m.save}
          cancelText={m.confirmCancel}
          onConfirm={() => void submit()}
          disabled={!dirty && !view.isDefault}
          getPopupContainer={() => document.getElementById('main') ?? document.body}
        >
          <Button type="primary" loading={save.isPending} disabled={!dirty && !view.isDefault}>
            {m.saveRules}
          </Button>
        </Popconfirm>
        <Button
          disabled={!dirty}
          onClick={() => {
            setError(null);
            setDraft(view.rules);
          }}
        >
          {m.resetRules}
        </Button>
      </Flex>
    </section>
  );
}

/** 考区报考规则: the four P1/P2 switches of an area, each explained, saved together. */
export function AreaRulesEditor({ area }: { area: ExamAreaRef }) {
  const rules = useAreaRules(area.id);
  if (rules.isPending) return <Loading />;
  if (rules.isError) {
    return (
      <QueryError
        error={rules.error}
        title={m.rulesLoadFailed}
        onRetry={() => void rules.refetch()}
      />
    );
  }
  // A new key after each save or area change starts the draft from what is stored.
  return (
    <RulesForm
      key={`${area.id}-${rules.data.updatedAt ?? 'default'}`}
      area={area}
      view={rules.data}
    />
  );
}
