import { Alert, Button, Modal } from 'antd';
import type { ReactNode } from 'react';
import { commonMessages } from './messages';

/** The error shown above a form when the server refused it: a title and the server's reason. */
export function FormErrorAlert({ title, error }: { title: string; error: string | null }) {
  if (!error) return null;
  return <Alert className="form-alert" type="error" showIcon title={title} description={error} />;
}

interface FormModalProps {
  open: boolean;
  title: ReactNode;
  submitText: string;
  pending: boolean;
  onCancel: () => void;
  /** Usually `() => form.submit()`, so the form's own validation runs. */
  onSubmit: () => void;
  children: ReactNode;
}

/** A dialog holding one form, with 取消 and a primary submit button that shows progress. */
export function FormModal({
  open,
  title,
  submitText,
  pending,
  onCancel,
  onSubmit,
  children,
}: FormModalProps) {
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onCancel}
      destroyOnHidden
      mask={{ closable: false }}
      footer={[
        <Button key="cancel" onClick={onCancel}>
          {commonMessages.cancel}
        </Button>,
        <Button key="submit" type="primary" loading={pending} onClick={onSubmit}>
          {submitText}
        </Button>,
      ]}
    >
      {children}
    </Modal>
  );
}
