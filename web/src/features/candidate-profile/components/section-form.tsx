import type { CandidateProfileView, ProfileSectionData, ProfileSectionKey } from '@hqe/core';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form } from 'antd';
import { useState, type ReactNode } from 'react';
import { FormErrorAlert } from '../../../components/form-modal';
import { SectionCard } from '../../../components/section-card';
import { errorMessageOf, isApiError } from '../../../lib/api-client';
import { getCandidateProfile, PROFILE_QUERY_KEY, useSaveProfileSection } from '../api/profile';
import type { FieldPath } from '../form-values';
import { profileMessages as m } from '../messages';

function issuesOf(error: unknown): { path: string; message: string }[] {
  if (!isApiError(error, 'validation_failed')) return [];
  const details = error.details;
  if (typeof details !== 'object' || details === null || !('issues' in details)) return [];
  const issues = details.issues;
  if (!Array.isArray(issues)) return [];
  return issues.flatMap((issue: unknown) =>
    typeof issue === 'object' &&
    issue !== null &&
    'path' in issue &&
    'message' in issue &&
    typeof issue.path === 'string' &&
    typeof issue.message === 'string'
      ? [{ path: issue.path, message: issue.message }]
      : [],
  );
}

export interface SectionFormProps<K extends ProfileSectionKey, V extends object> {
  section: K;
  title: string;
  intro?: ReactNode;
  profile: CandidateProfileView;
  /** The form's values from what is saved (null: never saved). */
  fromData: (data: ProfileSectionData<K> | null) => V;
  /** What to save from the form's values. */
  toData: (values: V) => ProfileSectionData<K>;
  /** The form field a server issue path is about, or null. */
  formPathOf: (path: string) => FieldPath | null;
  children: ReactNode;
}

/** The form's name, which prefixes every field id (profile-education_records_0_major …). */
export const sectionFormName = (section: ProfileSectionKey) => `profile-${section}`;

/**
 * One section of the basic information in its own card: saved on its own from the version last
 * read; the server's reasons shown on their fields; a stale save offers to reload; a locked
 * profile is shown read-only.
 */
export function SectionForm<K extends ProfileSectionKey, V extends object>({
  section,
  title,
  intro,
  profile,
  fromData,
  toData,
  formPathOf,
  children,
}: SectionFormProps<K, V>) {
  const [form] = Form.useForm<V>();
  const queryClient = useQueryClient();
  const mutation = useSaveProfileSection(section);
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [savedNote, setSavedNote] = useState<string | null>(null);
  const [initialValues] = useState(() =>
    fromData(profile[section] as ProfileSectionData<K> | null),
  );
  const locked = profile.locked !== null;

  const submit = (values: V) => {
    setFormError(null);
    setConflict(null);
    setSavedNote(null);
    mutation.mutate(
      { version: profile.version, data: toData(values) },
      {
        onSuccess: (view) => {
          form.setFieldsValue(fromData(view[section] as ProfileSectionData<K> | null));
          setSavedNote(m.saved(title));
        },
        onError: (error) => {
          if (isApiError(error, 'version_conflict')) {
            setConflict(error.message);
            return;
          }
          if (isApiError(error, 'profile_locked')) {
            void queryClient.invalidateQueries({ queryKey: PROFILE_QUERY_KEY });
            setFormError(error.message);
            return;
          }
          const fields = issuesOf(error).flatMap((issue) => {
            const name = formPathOf(issue.path);
            return name ? [{ name, errors: [issue.message] }] : [];
          });
          if (fields.length > 0) {
            form.setFields(fields as Parameters<typeof form.setFields>[0]);
            setFormError(m.fixFields);
            form.scrollToField(fields[0]?.name ?? [], { block: 'center', focus: true });
          } else {
            setFormError(errorMessageOf(error));
          }
        },
      },
    );
  };

  const reload = async () => {
    const fresh = await getCandidateProfile();
    queryClient.setQueryData(PROFILE_QUERY_KEY, fresh);
    form.resetFields();
    form.setFieldsValue(fromData(fresh[section] as ProfileSectionData<K> | null));
    setConflict(null);
  };

  return (
    <SectionCard title={title}>
      {intro && <div className="me-intro">{intro}</div>}
      <div
        onKeyDown={(event) => {
          // Enter confirms a date or an option; it does not save the whole section.
          if (event.key === 'Enter' && event.target instanceof HTMLInputElement) {
            event.preventDefault();
          }
        }}
      >
        <Form<V>
          form={form}
          name={sectionFormName(section)}
          className="sc-form"
          layout="vertical"
          initialValues={initialValues}
          disabled={locked}
          onFinish={submit}
          onFinishFailed={() => setFormError(m.invalidForm)}
          onValuesChange={() => {
            setFormError(null);
            setSavedNote(null);
          }}
          scrollToFirstError={{ block: 'center', focus: true }}
          aria-label={title}
        >
          {children}
          <div className="me-save">
            {conflict && (
              <Alert
                className="form-alert"
                type="warning"
                showIcon
                title={m.conflictTitle}
                description={conflict}
                action={
                  <Button onClick={() => void reload()} disabled={false}>
                    {m.reload}
                  </Button>
                }
              />
            )}
            <FormErrorAlert title={m.saveFailedTitle} error={formError} />
            <div role="status" aria-live="polite" className="me-saved">
              {savedNote && <Alert type="success" showIcon title={savedNote} />}
            </div>
            {!locked && (
              <Button type="primary" htmlType="submit" loading={mutation.isPending}>
                {mutation.isPending ? m.saving : `${m.save}${title}`}
              </Button>
            )}
          </div>
        </Form>
      </div>
    </SectionCard>
  );
}
