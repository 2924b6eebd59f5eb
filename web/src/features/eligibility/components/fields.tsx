import { DeleteOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Radio, type FormRule } from 'antd';
import { useId, type ReactNode } from 'react';
import { eligibilityMessages as m } from '../messages';

/** A field's name: one key, or a path inside lists (relative to a Form.List inside one). */
type NamePath = string | number | (string | number)[];

/** The form's name: field ids are `self-check_<path>` (e.g. self-check_education_0_major). */
export const FORM_NAME = 'self-check';

/** The DOM id antd gives the control of a field. */
export function fieldId(path: (string | number)[]): string {
  return `${FORM_NAME}_${path.join('_')}`;
}

/** Move focus to a field's control once it is on the page (after adding a list item). */
export function focusFieldSoon(path: (string | number)[]): void {
  window.setTimeout(() => document.getElementById(fieldId(path))?.focus(), 50);
}

interface DateFieldProps {
  name: NamePath;
  label: string;
  required?: boolean;
  extra?: ReactNode;
  rules?: FormRule[];
  dependencies?: NamePath[];
}

/** A calendar date (zh-CN picker, typed or picked as YYYY-MM-DD). */
export function DateField({
  name,
  label,
  required,
  extra,
  rules = [],
  dependencies,
}: DateFieldProps) {
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
        allowClear
      />
    </Form.Item>
  );
}

interface ChoiceFieldProps<T extends string | boolean> {
  name: NamePath;
  label: ReactNode;
  options: readonly { value: T; label: ReactNode }[];
  required?: boolean;
  requiredMessage?: string;
  extra?: ReactNode;
  vertical?: boolean;
}

/** A radio group named by its visible label (role radiogroup, aria-labelledby). */
export function ChoiceField<T extends string | boolean>({
  name,
  label,
  options,
  required,
  requiredMessage,
  extra,
  vertical,
}: ChoiceFieldProps<T>) {
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

/** One record of a list (学历 1, 工作经历 2 …): a fieldset with its legend and a remove button. */
export function ListItem({
  legend,
  onRemove,
  children,
}: {
  legend: string;
  onRemove: () => void;
  children: ReactNode;
}) {
  return (
    <fieldset className="sc-item">
      <legend className="sc-item-legend">{legend}</legend>
      <Button
        className="sc-item-remove"
        type="text"
        danger
        icon={<DeleteOutlined aria-hidden />}
        onClick={onRemove}
        aria-label={m.removeItem(legend)}
      >
        {m.remove}
      </Button>
      {children}
    </fieldset>
  );
}
