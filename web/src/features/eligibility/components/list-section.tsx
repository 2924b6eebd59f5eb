import { PlusOutlined } from '@ant-design/icons';
import { Button, Form } from 'antd';
import { useRef, type ReactNode } from 'react';
import { eligibilityMessages as m } from '../messages';
import { focusFieldSoon, ListItem } from './fields';

interface Props<T> {
  /** The list's field name (e.g. education). */
  name: string;
  /** What one record is called (学历, 工作经历 …). */
  item: string;
  addLabel: string;
  emptyText: string;
  max: number;
  /** The values of a new record. */
  newItem: () => T;
  /** The field focused after adding a record. */
  firstField: string;
  renderItem: (index: number) => ReactNode;
}

/**
 * A list of records the candidate adds and removes: each in a fieldset with its number; focus goes
 * to the new record's first field after adding, and back to the add button after removing.
 */
export function ListSection<T>({
  name,
  item,
  addLabel,
  emptyText,
  max,
  newItem,
  firstField,
  renderItem,
}: Props<T>) {
  const addRef = useRef<HTMLButtonElement>(null);
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <div className="sc-list">
          {fields.length === 0 && <p className="sc-empty">{emptyText}</p>}
          {fields.map((field, index) => (
            <ListItem
              key={field.key}
              legend={m.itemLegend(item, index)}
              onRemove={() => {
                remove(field.name);
                window.setTimeout(() => addRef.current?.focus(), 50);
              }}
            >
              {renderItem(field.name)}
            </ListItem>
          ))}
          {fields.length < max ? (
            <Button
              ref={addRef}
              type="dashed"
              block
              icon={<PlusOutlined aria-hidden />}
              onClick={() => {
                add(newItem());
                focusFieldSoon([name, fields.length, firstField]);
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
