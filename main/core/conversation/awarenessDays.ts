// The awareness days Kairos ships: widely observed international and national days a social team plans around.

import type { AwarenessRule } from '../../../shared/contract/conversation';

export interface AwarenessDay {
  readonly name: string;
  readonly rule: AwarenessRule;
  /** Countries where it is observed; absent for worldwide days. */
  readonly countries?: readonly string[];
  readonly url?: string;
}

const fixed = (month: number, day: number): AwarenessRule => ({ kind: 'fixed', month, day });
const wholeMonth = (month: number): AwarenessRule => ({ kind: 'month', month });

/** Keep sorted by month; dates are the ones the organising bodies publish. Links are left to user-added days. */
export const AWARENESS_DAYS: readonly AwarenessDay[] = [
  { name: 'International Holocaust Remembrance Day', rule: fixed(1, 27) },
  { name: 'Black History Month', rule: wholeMonth(2), countries: ['US', 'CA'] },
  { name: 'World Cancer Day', rule: fixed(2, 4) },
  { name: 'International Day of Women and Girls in Science', rule: fixed(2, 11) },
  { name: 'International Mother Language Day', rule: fixed(2, 21) },
  { name: "Women's History Month", rule: wholeMonth(3), countries: ['US', 'GB', 'AU'] },
  { name: "International Women's Day", rule: fixed(3, 8) },
  { name: 'International Day of Happiness', rule: fixed(3, 20) },
  { name: 'International Day for the Elimination of Racial Discrimination', rule: fixed(3, 21) },
  { name: 'World Water Day', rule: fixed(3, 22) },
  { name: 'International Transgender Day of Visibility', rule: fixed(3, 31) },
  { name: 'World Autism Awareness Day', rule: fixed(4, 2) },
  { name: 'World Health Day', rule: fixed(4, 7) },
  { name: 'Earth Day', rule: fixed(4, 22) },
  { name: 'World Book and Copyright Day', rule: fixed(4, 23) },
  { name: 'Mental Health Awareness Month', rule: wholeMonth(5), countries: ['US'] },
  { name: 'World Press Freedom Day', rule: fixed(5, 3) },
  { name: 'International Day Against Homophobia, Biphobia and Transphobia', rule: fixed(5, 17) },
  { name: 'World Bee Day', rule: fixed(5, 20) },
  { name: 'World No Tobacco Day', rule: fixed(5, 31) },
  { name: 'Pride Month', rule: wholeMonth(6) },
  { name: 'World Environment Day', rule: fixed(6, 5) },
  { name: 'World Oceans Day', rule: fixed(6, 8) },
  { name: 'Juneteenth', rule: fixed(6, 19), countries: ['US'] },
  { name: 'World Refugee Day', rule: fixed(6, 20) },
  { name: 'International Day of Friendship', rule: fixed(7, 30) },
  { name: "International Day of the World's Indigenous Peoples", rule: fixed(8, 9) },
  { name: 'International Youth Day', rule: fixed(8, 12) },
  { name: 'World Humanitarian Day', rule: fixed(8, 19) },
  { name: 'International Literacy Day', rule: fixed(9, 8) },
  { name: 'World Suicide Prevention Day', rule: fixed(9, 10) },
  { name: 'International Day of Peace', rule: fixed(9, 21) },
  { name: 'Black History Month', rule: wholeMonth(10), countries: ['GB', 'IE', 'NL'] },
  { name: 'Breast Cancer Awareness Month', rule: wholeMonth(10) },
  { name: 'International Day of Older Persons', rule: fixed(10, 1) },
  { name: "World Teachers' Day", rule: fixed(10, 5) },
  { name: 'World Mental Health Day', rule: fixed(10, 10) },
  { name: 'International Day of the Girl Child', rule: fixed(10, 11) },
  { name: 'World Hospice and Palliative Care Day', rule: { kind: 'nthWeekday', month: 10, weekday: 6, nth: 2 } },
  { name: 'World Food Day', rule: fixed(10, 16) },
  { name: 'World Kindness Day', rule: fixed(11, 13) },
  { name: 'World Day of Remembrance for Road Traffic Victims', rule: { kind: 'nthWeekday', month: 11, weekday: 0, nth: 3 } },
  { name: "International Men's Day", rule: fixed(11, 19) },
  { name: 'Transgender Day of Remembrance', rule: fixed(11, 20) },
  { name: "World Children's Day", rule: fixed(11, 20) },
  { name: 'International Day for the Elimination of Violence against Women', rule: fixed(11, 25) },
  { name: 'World AIDS Day', rule: fixed(12, 1) },
  { name: 'International Day of Persons with Disabilities', rule: fixed(12, 3) },
  { name: 'Human Rights Day', rule: fixed(12, 10) },
];
