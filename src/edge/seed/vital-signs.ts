/** The vital signs seeded as Observations: their codes (CIEL, LOINC), units (UCUM) and plausible values. */

import type { SeededRandom } from './seeded-random.ts';

export type VitalKey = 'weight' | 'height' | 'temperature' | 'pulse' | 'systolic' | 'diastolic' | 'spo2' | 'respiratoryRate';

export interface VitalSign {
  key: VitalKey;
  display: string;
  /** CIEL concept id; the OpenMRS concept uuid is it padded with "A" to 36 characters. */
  ciel: string;
  loinc: string;
  /** Unit as shown, and its UCUM code. */
  unit: string;
  ucum: string;
  decimals: number;
}

export const vitalSigns: readonly VitalSign[] = [
  { key: 'weight', display: 'Weight (kg)', ciel: '5089', loinc: '29463-7', unit: 'kg', ucum: 'kg', decimals: 1 },
  { key: 'height', display: 'Height (cm)', ciel: '5090', loinc: '8302-2', unit: 'cm', ucum: 'cm', decimals: 0 },
  { key: 'temperature', display: 'Temperature (C)', ciel: '5088', loinc: '8310-5', unit: 'DEG C', ucum: 'Cel', decimals: 1 },
  { key: 'pulse', display: 'Pulse', ciel: '5087', loinc: '8867-4', unit: 'beats/min', ucum: '/min', decimals: 0 },
  { key: 'systolic', display: 'Systolic blood pressure', ciel: '5085', loinc: '8480-6', unit: 'mmHg', ucum: 'mm[Hg]', decimals: 0 },
  { key: 'diastolic', display: 'Diastolic blood pressure', ciel: '5086', loinc: '8462-4', unit: 'mmHg', ucum: 'mm[Hg]', decimals: 0 },
  { key: 'spo2', display: 'Arterial blood oxygen saturation (pulse oximeter)', ciel: '5092', loinc: '59408-5', unit: '%', ucum: '%', decimals: 0 },
  { key: 'respiratoryRate', display: 'Respiratory rate', ciel: '5242', loinc: '9279-1', unit: 'breaths/min', ucum: '/min', decimals: 0 },
];

/** What stays the same for a patient across visits. */
export interface VitalBaseline {
  ageYears: number;
  heightCm: number;
  bmi: number;
}

/** Approximate height for age: fast growth in infancy, steady in childhood, adult range after 16. */
function heightForAge(random: SeededRandom, ageYears: number, gender: 'male' | 'female'): number {
  const adult = gender === 'male' ? random.float(160, 186, 1) : random.float(150, 172, 1);
  if (ageYears >= 16) return adult;
  const child = 50 + 25 * Math.min(ageYears, 1) + 12 * Math.min(Math.max(ageYears - 1, 0), 1) + 6.5 * Math.max(ageYears - 2, 0);
  return Math.min(adult, child * random.float(0.94, 1.06, 3));
}

/**
 * A patient's stable measures, from age and gender.
 *
 * @example
 * ```ts
 * vitalBaseline(createSeededRandom('p1'), { ageYears: 34, gender: 'female' }); // { ageYears: 34, heightCm: 163.2, bmi: 23.9 }
 * ```
 */
export function vitalBaseline(random: SeededRandom, options: { ageYears: number; gender: 'male' | 'female' }): VitalBaseline {
  const { ageYears, gender } = options;
  const bmi = ageYears >= 16 ? random.float(18.5, 31, 1) : random.float(14.5, 19, 1);
  return { ageYears, heightCm: heightForAge(random, ageYears, gender), bmi };
}

/**
 * One set of plausible readings for a patient at a visit: children breathe and beat faster and
 * have lower pressures; about one visit in eight has a fever.
 *
 * @example
 * ```ts
 * measureVitals(random, baseline).temperature; // e.g. 36.8
 * ```
 */
export function measureVitals(random: SeededRandom, baseline: VitalBaseline): Record<VitalKey, number> {
  const child = baseline.ageYears < 12;
  const fever = random.chance(0.12);
  const heightM = baseline.heightCm / 100;
  const systolic = child ? random.int(90, 112) : random.int(104, 148);
  return {
    weight: Number((baseline.bmi * heightM * heightM * random.float(0.97, 1.03, 3)).toFixed(1)),
    height: Math.round(baseline.heightCm),
    temperature: fever ? random.float(38.0, 39.6, 1) : random.float(36.1, 37.3, 1),
    pulse: (child ? random.int(80, 125) : random.int(58, 98)) + (fever ? 12 : 0),
    systolic,
    diastolic: Math.min(systolic - 28, child ? random.int(55, 72) : random.int(62, 94)),
    spo2: random.chance(0.06) ? random.int(90, 94) : random.int(95, 100),
    respiratoryRate: (child ? random.int(20, 32) : random.int(12, 20)) + (fever ? 3 : 0),
  };
}
