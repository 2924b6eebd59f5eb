import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Radio, type FormRule } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useId, useRef, type ReactNode } from 'react';
import { profileMessages as m } from '../messages';

/** A field's name: one key, or a path inside lists (relative to a Form.List inside one). */
type NamePath = string | number | (string | number)[];

/** The DOM id antd gives the control of a field of a form. */
export function fieldId(form: string, path: (string | number)[]): string {
  return `${form}_${path.join('_')}`;
}

/** Move focus to a field's control once it is on the page (after adding a list item). */
export function focusFieldSoon(form: string, path: (string | number)[]): void {
  window.setTimeout(() => document.getElementById(fieldId(form, path))?.focus(), 50);
}

const notAfterToday = (day: Dayjs) => day.isAfter(dayjs(), 'day');

/** A calendar date that cannot be after today (zh-CN picker, typed or picked as YYYY-MM-DD). */
export function DateField({
  name,
  label,
  required,
  extra,
  rules = [],
  dependencies,
}: {
  name: NamePath;
  label: string;
  required?: boolean;
  extra?: ReactNode;
  rules?: FormRule[];
  dependencies?: NamePath[];
}) {
  return (
    <Form.Item
      name={name}
      label={label}
      extra={extra}
      required={required}
      dependencies={dependencies}
      rules={[...(required ? [{ required: true, message: m.dateRequired(label) }] : []), ...rules]}
    >
      <DatePicker
        className="sc-date"
        format="YYYY-MM-DD"
        placeholder={m.datePlaceholder}
        disabledDate={notAfterToday}
        allowClear
      />
    </Form.Item>
  );
}

/** A radio group named by its visible label (role radiogroup, aria-labelledby). */
export function ChoiceField({
  name,
  label,
  options,
  required = true,
  requiredMessage,
  extra,
  vertical,
}: {
  name: NamePath;
  label: ReactNode;
  options: readonly { value: string | boolean; label: ReactNode }[];
  required?: boolean;
  requiredMessage?: string;
  extra?: ReactNode;
  vertical?: boolean;
}) {
  const labelId = useId();
  return (
    <Form.Item
      name={name}
      label={<span id={labelId}>{label}</span>}
      extra={extra}
      required={required}
      rules={
        required ? [{ required: true, message: requiredMessage ?? m.declarationRequired }] : []
      }
    >
      <Radio.Group
        aria-labelledby={labelId}
        className={vertical ? 'sc-radios-vertical' : 'sc-radios'}
      >
        {options.map((option) => (
          <Radio key={String(option.value)} value={option.value}>
            {option.label}
          </Radio>
        ))}
      </Radio.Group>
    </Form.Item>
  );
}

export const YES_NO = [
  { value: true, label: m.yes },
  { value: false, label: m.no },
] as const;

/**
 * A list of records the candidate adds and removes: each in a fieldset with its number; focus goes
 * to the new record's first field after adding, and back to the add button after removing.
 */
export function ListSection({
  form,
  name,
  item,
  addLabel,
  emptyText,
  max,
  newItem,
  firstField,
  renderItem,
}: {
  /** The form's name (for field ids). */
  form: string;
  name: string;
  /** What one record is called (学历, 工作经历 …). */
  item: string;
  addLabel: string;
  emptyText: string;
  max: number;
  newItem: () => object;
  firstField: string;
  renderItem: (index: number) => ReactNode;
}) {
  const addRef = useRef<HTMLButtonElement>(null);
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <div className="sc-list">
          {fields.length === 0 && <p className="sc-empty">{emptyText}</p>}
          {fields.map((field, index) => {
            const legend = m.itemLegend(item, index);
            return (
              <fieldset className="sc-item" key={field.key}>
                <legend className="sc-item-legend">{legend}</legend>
                <Button
                  className="sc-item-remove"
                  type="text"
                  danger
                  icon={<DeleteOutlined aria-hidden />}
                  onClick={() => {
                    remove(field.name);
                    window.setTimeout(() => addRef.current?.focus(), 50);
                  }}
                  aria-label={m.removeItem(legend)}
                >
                  {m.remove}
                </Button>
                {renderItem(field.name)}
              </fieldset>
            );
          })}
          {fields.length < max ? (
            <Button
              ref={addRef}
              type="dashed"
              block
              icon={<PlusOutlined aria-hidden />}
              onClick={() => {
                add(newItem());
                focusFieldSoon(form, [name, fields.length, firstField]);
              }}
            >
              {addLabel}
            </Button>
          ) : (
            <p className="sc-empty">{m.maxItems(item, max)}</p>
          )}
        </div>
      )}
    </Form.List>
  );
}
