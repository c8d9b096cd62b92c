/** Checks the registration form before it goes to the worker, with a message per field. */

import type { NewPatient } from '../browser/sync-api.ts';

/** The form's raw values. */
export interface PatientFormValues {
  givenName: string;
  familyName: string;
  gender: string;
  birthDate: string;
  identifier: string;
}

const genders = ['female', 'male', 'other', 'unknown'] as const;

/**
 * The patient to register, or the message of each invalid field. `today` is `YYYY-MM-DD`.
 *
 * @example
 * ```ts
 * checkPatientForm({ givenName: 'Amina', familyName: 'Otieno', gender: 'female', birthDate: '1990-04-02', identifier: '' }, '2025-01-01');
 * ```
 */
export function checkPatientForm(values: PatientFormValues, today: string):
  | { ok: true; patient: NewPatient }
  | { ok: false; errors: Partial<Record<keyof PatientFormValues, string>> } {
  const errors: Partial<Record<keyof PatientFormValues, string>> = {};
  if (values.givenName.trim() === '') errors.givenName = 'Enter the given name';
  if (values.familyName.trim() === '') errors.familyName = 'Enter the family name';
  const gender = genders.find((g) => g === values.gender);
  if (!gender) errors.gender = 'Choose a gender';
  if (!isRealDate(values.birthDate)) errors.birthDate = 'Enter the birth date as a real date (day, month, year)';
  else if (values.birthDate > today) errors.birthDate = 'The birth date cannot be in the future';
  else if (values.birthDate < '1890-01-01') errors.birthDate = 'Check the year of birth';
  if (values.identifier.trim().length > 50) errors.identifier = 'The identifier is too long (50 characters at most)';
  if (Object.keys(errors).length > 0 || !gender) return { ok: false, errors };
  const identifier = values.identifier.trim();
  return {
    ok: true,
    patient: {
      givenName: values.givenName.trim(), familyName: values.familyName.trim(), gender, birthDate: values.birthDate,
      ...(identifier ? { identifier } : {}),
    },
  };
}

function isRealDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}
