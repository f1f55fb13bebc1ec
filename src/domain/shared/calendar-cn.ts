/**
 * Public holidays and make-up working days (调休上班) of mainland China, as published each year by
 * the General Office of the State Council (国务院办公厅关于某年部分节假日安排的通知), usually in
 * November or December of the year before. Working-day deadlines (working-days.ts) read this table.
 *
 * Coverage: 2024, 2025 and 2026. Each year was compared with the text of its notice as released
 * by Xinhua (2024: 人民日报 2023-10-26 p.6; 2025: 新华社 2024-11-12; 2026: 新华社 2025-11-04,
 * 受权发布, read in three republications that agree word for word: 光明网, 中山日报 2025-11-05 A01
 * and 央广网) and cross-checked by counting (tests/unit/shared/working-days.test.ts: weekdays off minus
 * make-up days equal the statutory days). For 2026 the test also reads the notice's seven items
 * themselves and compares every date and the weekday printed beside it. The 2026 notice's document
 * number (文号) is not in Xinhua's release and the www.gov.cn copy could not be reached from here.
 *
 * To add a year when its notice is published:
 *   1. add an entry below: every holiday period as published (from/to inclusive, weekends inside a
 *      period may be included, they change nothing) and every 调休上班 day (a Saturday or Sunday);
 *   2. cite the notice in `notice` and set `checked: true` once compared with the official text;
 *   3. add a case to tests/unit/shared/working-days.test.ts that crosses its Spring Festival.
 * Dates outside the covered years fall back to "Monday to Friday" (see working-days.ts).
 */
import type { IsoDate } from './dates';

export interface HolidayPeriod {
  name: string;
  from: IsoDate;
  to: IsoDate;
}

export interface HolidayYear {
  notice: string;
  /** True once the entry has been compared with the official notice. */
  checked: boolean;
  holidays: HolidayPeriod[];
  /** Saturdays and Sundays that are working days (调休上班). */
  makeUpWorkdays: IsoDate[];
}

const h = (name: string, from: IsoDate, to: IsoDate = from): HolidayPeriod => ({ name, from, to });

export const CN_HOLIDAYS: Readonly<Record<number, HolidayYear>> = {
  2024: {
    notice: '国务院办公厅关于2024年部分节假日安排的通知（国办发明电〔2023〕7号）',
    checked: true,
    holidays: [
      h('元旦', '2024-01-01'),
      h('春节', '2024-02-10', '2024-02-17'),
      h('清明节', '2024-04-04', '2024-04-06'),
      h('劳动节', '2024-05-01', '2024-05-05'),
      h('端午节', '2024-06-10'),
      h('中秋节', '2024-09-15', '2024-09-17'),
      h('国庆节', '2024-10-01', '2024-10-07'),
    ],
    makeUpWorkdays: ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12'],
  },
  2025: {
    // The first year under the 2024 amendment of the holiday rules: 除夕 and 5月2日 became holidays.
    notice: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）',
    checked: true,
    holidays: [
      h('元旦', '2025-01-01'),
      h('春节', '2025-01-28', '2025-02-04'),
      h('清明节', '2025-04-04', '2025-04-06'),
      h('劳动节', '2025-05-01', '2025-05-05'),
      h('端午节', '2025-05-31', '2025-06-02'),
      h('国庆节、中秋节', '2025-10-01', '2025-10-08'),
    ],
    makeUpWorkdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    // Checked against Xinhua's authorised release of the notice (see above); 文号 not seen.
    notice: '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日，新华社受权发布）',
    checked: true,
    holidays: [
      h('元旦', '2026-01-01', '2026-01-03'),
      h('春节', '2026-02-15', '2026-02-23'),
      h('清明节', '2026-04-04', '2026-04-06'),
      h('劳动节', '2026-05-01', '2026-05-05'),
      h('端午节', '2026-06-19', '2026-06-21'),
      h('中秋节', '2026-09-25', '2026-09-27'),
      h('国庆节', '2026-10-01', '2026-10-07'),
    ],
    makeUpWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};

/** The years the table covers, in order. */
export const CN_CALENDAR_YEARS: readonly number[] = Object.keys(CN_HOLIDAYS)
  .map(Number)
  .sort((a, b) => a - b);
