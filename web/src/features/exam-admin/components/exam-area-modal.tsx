import { createExamAreaRequestSchema } from '@hqe/core';
import type { ExamAreaRef } from '../../../lib/types';
import { useCreateExamArea, useUpdateExamArea } from '../api/save-exam-area';
import { examAdminMessages as m } from '../messages';
import { CodeNameModal } from './code-name-modal';

/** Add an exam area (`area` null) or rename one; the code is fixed once created. */
export function ExamAreaModal({
  open,
  area,
  onClose,
}: {
  open: boolean;
  area: ExamAreaRef | null;
  onClose: () => void;
}) {
  const create = useCreateExamArea();
  const update = useUpdateExamArea();
  return (
    <CodeNameModal<ExamAreaRef>
      open={open}
      onClose={onClose}
      formName="exam-area"
      existing={area}
      title={area ? m.editExamAreaTitle(area.name) : m.createExamAreaTitle}
      submitText={area ? m.examAreaSubmitEdit : m.examAreaSubmitCreate}
      failedTitle={m.examAreaSaveFailedTitle}
      code={{
        label: m.examAreaCodeLabel,
        help: m.examAreaCodeHelp,
        schema: createExamAreaRequestSchema.shape.code,
        maxLength: 2,
      }}
      name={{
        label: m.examAreaNameLabel,
        help: m.examAreaNameHelp,
        schema: createExamAreaRequestSchema.shape.name,
        maxLength: 20,
      }}
      pending={create.isPending || update.isPending}
      save={({ code, name }, callbacks) => {
        if (area) update.mutate({ id: area.id, name }, callbacks);
        else create.mutate({ code: code ?? '', name }, callbacks);
      }}
      savedMessage={(saved) =>
        area ? m.examAreaUpdated(saved.name) : m.examAreaCreated(saved.name)
      }
    />
  );
}
