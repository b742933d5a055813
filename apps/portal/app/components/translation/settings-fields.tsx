import { FieldRow, SelectField } from '../form/fields';
import type { BoundForm } from '../form/use-schema-form';

/** Formality and profanity masking, only where the engine has them. */
export function TranslationSettingsFields({
  form,
  formality,
  profanity,
}: {
  form: BoundForm;
  formality: boolean;
  profanity: boolean;
}) {
  if (!formality && !profanity) return null;
  return (
    <FieldRow>
      {formality ? (
        <SelectField
          form={form}
          name="settings.formality"
          choices={[
            { value: '', label: 'As the engine chooses' },
            { value: 'FORMAL', label: 'Formal' },
            { value: 'INFORMAL', label: 'Informal' },
          ]}
        />
      ) : null}
      {profanity ? (
        <SelectField
          form={form}
          name="settings.profanity"
          choices={[
            { value: '', label: 'Keep as written' },
            { value: 'MASK', label: 'Mask profane words' },
          ]}
        />
      ) : null}
    </FieldRow>
  );
}

/** The settings as the API takes them: an empty choice is no setting. */
export function settingsInput(settings: { formality?: string; profanity?: string }) {
  return {
    ...(settings.formality ? { formality: settings.formality } : {}),
    ...(settings.profanity ? { profanity: settings.profanity } : {}),
  };
}
