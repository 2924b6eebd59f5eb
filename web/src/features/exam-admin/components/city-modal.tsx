import { createRegistrationCityRequestSchema, type AdminRegistrationCity } from '@hqe/core';
import { useCreateCity, useRenameCity } from '../api/cities';
import { examAdminMessages as m } from '../messages';
import { CodeNameModal } from './code-name-modal';

/** Add a registration city to an area (`city` null) or rename one; the code is fixed. */
export function CityModal({
  open,
  city,
  examAreaId,
  onClose,
}: {
  open: boolean;
  city: AdminRegistrationCity | null;
  examAreaId: number;
  onClose: () => void;
}) {
  const create = useCreateCity();
  const rename = useRenameCity();
  return (
    <CodeNameModal<AdminRegistrationCity>
      open={open}
      onClose={onClose}
      formName="registration-city"
      existing={city}
      title={city ? m.renameCityTitle(city.name) : m.createCityTitle}
      submitText={city ? m.citySubmitEdit : m.citySubmitCreate}
      failedTitle={m.citySaveFailedTitle}
      code={{
        label: m.cityCodeLabel,
        help: m.cityCodeHelp,
        schema: createRegistrationCityRequestSchema.shape.code,
        maxLength: 6,
      }}
      name={{
        label: m.cityNameLabel,
        help: m.cityNameHelp,
        schema: createRegistrationCityRequestSchema.shape.name,
        maxLength: 30,
      }}
      pending={create.isPending || rename.isPending}
      save={({ code, name }, callbacks) => {
        if (city) rename.mutate({ id: city.id, name }, callbacks);
        else create.mutate({ examAreaId, code: code ?? '', name }, callbacks);
      }}
      savedMessage={(saved) => (city ? m.cityRenamed(saved.name) : m.cityCreated(saved.name))}
    />
  );
}
