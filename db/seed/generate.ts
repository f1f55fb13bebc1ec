/**
 * The demo data set, built in memory from (seed, count, today) with no I/O: the same three inputs
 * always give the same rows. Institutions come out in batches so 100,000 of them never sit in
 * memory at once; warnings, contracts and their links come at the end, from what was generated.
 *
 * Each institution draws from its own random stream (seed, index), so changing how one is built
 * does not reshuffle all the others. Ids of institutions and inspections are assigned here, because
 * list decisions and warnings refer to them before anything is written.
 */
import { addDays, type IsoDate } from '../../src/domain/shared/dates';
import { licenceState, type LicenceState } from '../../src/domain/registry/licence-state';
import {
  entryPathFor,
  FIELDS,
  REGISTRATION_AUTHORITY,
  STREET_CODES,
  supervisingDepartment,
  TRAINING_FIELDS,
  type DeliveryMode,
  type LegalForm,
  type OperatingStatus,
  type StreetCode,
  type TrainingField,
} from '../../src/domain/shared/reference';
import { searchColumns } from '../../src/domain/registry/search';
import type { fundSupervision, institutions, licences, promises } from '../schema';
import { address, licensedAddress, phone } from './addresses';
import { MODEL_CONTRACTS, type ModelContractRow } from './contracts';
import { demoCreditCode } from './credit-codes';
import { fundSupervisionFor } from './funds';
import { inspectionsFor, type InspectionRow } from './inspections';
import {
  issuingAuthority,
  licenceDates,
  licenceNumber,
  licenceNumberNorm,
  licenceScope,
  licenceSerial,
  pickLicenceState,
  previousLicenceDates,
  type LicenceDatesRow,
} from './licences';
import { blacklisting, whitelisting, type ListDecisionRow } from './list-decisions';
import { brand, formerName, institutionName, longBrand, type NameContext } from './names';
import { promiseFor } from './promises';
import { createRng, type Rng, type Weighted } from './random';
import { buildWarnings, WARNING_POOLS, type WarningLinkRow, type WarningPool, type WarningRow } from './warnings';

/** Row types of the generated data set (ids of institutions assigned here). */
export type InstitutionRow = typeof institutions.$inferInsert & { id: number };
export type LicenceRow = typeof licences.$inferInsert;
export type PromiseRow = typeof promises.$inferInsert;
export type FundRow = typeof fundSupervision.$inferInsert;
export type { InspectionRow, ListDecisionRow, ModelContractRow, WarningLinkRow, WarningRow };

/** Inputs of the generator; the same values always give the same rows. */
export interface GenerateOptions {
  seed: number;
  count: number;
  /** The day the data is "as of"; licence states, list histories and warnings are relative to it. */
  today: IsoDate;
  /** Largest ids already in the target tables; demo rows take the following ones. Default 0. */
  idBase?: Partial<IdBase>;
}

/** Largest ids already used, per table whose ids the generator assigns. */
export interface IdBase {
  institutions: number;
  inspections: number;
  riskWarnings: number;
}

/** Rows for a run of institutions and everything that belongs to them. */
export interface DemoBatch {
  institutions: InstitutionRow[];
  licences: LicenceRow[];
  promises: PromiseRow[];
  fundSupervision: FundRow[];
  inspections: InspectionRow[];
  listDecisions: ListDecisionRow[];
}

/** Rows that do not belong to one institution, built after all batches. */
export interface DemoExtras {
  riskWarnings: WarningRow[];
  warningInstitutions: WarningLinkRow[];
  modelContracts: ModelContractRow[];
}

/** Where institutions are; the larger residential streets and towns have more of them. */
const STREET_WEIGHTS: Weighted<StreetCode>[] = STREET_CODES.map((value) => ({
  value,
  weight: { changfeng: 14, changzheng: 14, zhenru: 13, changshou: 10, taopu: 10, wanli: 9, ganquan: 8, shiquan: 8, caojiadu: 7, yichuan: 7 }[value],
}));

const FIELD_WEIGHT: Record<TrainingField, number> = { culture_edu: 28, arts: 22, sports: 17, sci_tech: 12, vocational: 12, infant_care: 9 };

/**
 * Share of non-profit (民办非企业单位) institutions by field: since 2021 academic tutoring of pupils
 * is non-profit only, so 文化教育 has many; other fields are mostly companies.
 */
const NON_PROFIT_SHARE: Record<TrainingField, number> = { culture_edu: 0.45, vocational: 0.3, arts: 0.1, sports: 0.08, sci_tech: 0.1, infant_care: 0.15 };

/** States that every data set of some size must show; the first licences cycle through them. */
const SHOWCASE_STATES = ['valid', 'expiring', 'expired', 'revoked'] as const;
type DemoLicenceState = (typeof SHOWCASE_STATES)[number];

/** How many institutions of each warning pool are remembered for the warnings to name. */
const POOL_SIZE = 10;

type ListPlan = 'black' | 'white' | 'none';

function fieldsFor(rng: Rng): TrainingField[] {
  const weights = (exclude?: TrainingField) =>
    TRAINING_FIELDS.filter((f) => f !== exclude).map((f) => ({ value: f, weight: FIELD_WEIGHT[f] }));
  const primary = rng.weighted(weights());
  // One field mostly; about one in eight also teaches a second one.
  return rng.chance(0.12) ? [primary, rng.weighted(weights(primary))] : [primary];
}

function earlier(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}
function later(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

/** Builds the demo data set incrementally; see {@link generateDemo} for the all-at-once form. */
export class DemoGenerator {
  readonly seed: number;
  readonly count: number;
  readonly today: IsoDate;
  private readonly base: IdBase;
  private readonly rng: Rng;
  private readonly names = new Set<string>();
  private readonly seenStates = new Set<DemoLicenceState>();
  private readonly seenLists = new Set<ListPlan>();
  private readonly pools: Record<WarningPool, number[]> = Object.fromEntries(WARNING_POOLS.map((p) => [p, []])) as unknown as Record<
    WarningPool,
    number[]
  >;
  private nextInspectionId: number;
  private done = 0;

  constructor(opts: GenerateOptions) {
    if (!Number.isInteger(opts.count) || opts.count < 0) throw new Error(`count must be a non-negative integer, got ${opts.count}`);
    this.seed = opts.seed;
    this.count = opts.count;
    this.today = opts.today;
    this.base = { institutions: 0, inspections: 0, riskWarnings: 0, ...opts.idBase };
    this.rng = createRng(opts.seed);
    this.nextInspectionId = this.base.inspections + 1;
  }

  /** Batches of `size` institutions with their rows, in index order; iterate once. */
  *batches(size = 500): Generator<DemoBatch> {
    while (this.done < this.count) {
      const batch: DemoBatch = { institutions: [], licences: [], promises: [], fundSupervision: [], inspections: [], listDecisions: [] };
      const end = Math.min(this.count, this.done + size);
      for (let i = this.done; i < end; i++) this.institution(i, batch);
      this.done = end;
      yield batch;
    }
  }

  /** Warnings, their links and model contracts; call after all batches were consumed. */
  extras(): DemoExtras {
    if (this.done < this.count) throw new Error('extras() needs all batches to be generated first');
    const { warnings, links } = buildWarnings(this.today, this.base.riskWarnings + 1, this.pools);
    return { riskWarnings: warnings, warningInstitutions: links, modelContracts: MODEL_CONTRACTS.map((c) => ({ ...c })) };
  }

  private remember(pool: WarningPool, id: number): void {
    const list = this.pools[pool];
    if (list.length < POOL_SIZE) list.push(id);
  }

  /** A name not used yet, and the brand it was built from (former names may keep that brand). */
  private uniqueName(ctx: NameContext): { name: string; brandWord: string } {
    const rng = this.rng;
    let brandWord = brand(rng);
    let name = institutionName(rng, ctx, brandWord);
    // Registration authorities refuse a name already in use, so the demo does too: redraw, then try
    // three-character brands (the two-character space of a common kind fills up near 100,000), and
    // in the unlikely case that still collides, number the branch.
    for (let attempt = 0; this.names.has(name) && attempt < 12; attempt++) {
      brandWord = attempt < 6 ? brand(rng) : longBrand(rng);
      name = institutionName(rng, ctx, brandWord);
    }
    for (let n = 2; this.names.has(name); n++) name = `${name.replace(/（第\d+分部）$/, '')}（第${n}分部）`;
    this.names.add(name);
    return { name, brandWord };
  }

  private listPlan(rng: Rng, index: number): ListPlan {
    const drawn = rng.weighted([
      { weight: 3, value: 'black' as const },
      { weight: 30, value: 'white' as const },
      { weight: 67, value: 'none' as const },
    ]);
    // Small data sets still show both lists: the first institutions fill in a missing one.
    if (index >= 2 && !this.seenLists.has('black')) return 'black';
    if (index >= 1 && !this.seenLists.has('white')) return 'white';
    return drawn;
  }

  private institution(index: number, out: DemoBatch): void {
    const { rng, today, seed } = this;
    rng.reseed(seed, index);
    const id = this.base.institutions + index + 1;

    const street = rng.weighted(STREET_WEIGHTS);
    const fields = fieldsFor(rng);
    const primary = fields[0]!;
    const legalForm: LegalForm = rng.chance(NON_PROFIT_SHARE[primary]) ? 'non_profit' : 'for_profit';
    let list = this.listPlan(rng, index);
    const operatingStatus: OperatingStatus =
      list === 'black'
        ? rng.weighted([
            { weight: 35, value: 'operating' as const },
            { weight: 30, value: 'suspended' as const },
            { weight: 35, value: 'closed' as const },
          ])
        : // With the blacklisted ones this gives about 5% suspended and 3% closed overall.
          rng.weighted([
            { weight: 935, value: 'operating' as const },
            { weight: 43, value: 'suspended' as const },
            { weight: 22, value: 'closed' as const },
          ]);
    const closed = operatingStatus === 'closed';

    // Licences first: for licensed fields the licence precedes registration (先证后照).
    const needsLicence = fields.some((f) => FIELDS[f].licenceRequired);
    const licensed = needsLicence ? rng.chance(0.97) : rng.chance(0.05);
    const licenceHistory: LicenceDatesRow[] = [];
    let registeredOn: IsoDate;
    if (licensed) {
      let state: DemoLicenceState = pickLicenceState(rng, closed);
      if (list === 'black' && rng.chance(0.5)) state = 'revoked';
      const missing = SHOWCASE_STATES.find((s) => !this.seenStates.has(s));
      if (missing && (!closed || missing === 'expired' || missing === 'revoked')) state = missing;
      this.seenStates.add(state);
      const current = licenceDates(rng, state, today);
      const renewed = (state === 'valid' || state === 'expiring') && rng.chance(0.15);
      if (renewed) licenceHistory.push(previousLicenceDates(rng, current));
      licenceHistory.push(current);
      registeredOn = earlier(addDays(licenceHistory[0]!.issuedOn, rng.int(5, 60)), addDays(today, -1));
    } else {
      // Skewed towards recent years: many small studios are young.
      const years = rng.weighted([
        { weight: 40, value: 3 },
        { weight: 35, value: 8 },
        { weight: 25, value: 15 },
      ]);
      registeredOn = addDays(today, -rng.int(20, years * 365));
    }

    const ctx: NameContext = { fields, legalForm, street };
    const { name, brandWord } = this.uniqueName(ctx);
    const formerNames: string[] = [];
    const formerCount = rng.weighted([
      { weight: 905, value: 0 },
      { weight: 80, value: 1 },
      { weight: 15, value: 2 },
    ]);
    for (let k = 0; k < formerCount; k++) {
      const former = formerName(rng, ctx, brandWord);
      if (former !== name && !formerNames.includes(former)) formerNames.push(former);
    }

    const addr = address(rng, street);
    const asOf = rng.dateBetween(later(registeredOn, addDays(today, -120)), today);
    const delivery: DeliveryMode = rng.weighted([
      { weight: 82, value: 'offline' as const },
      { weight: 14, value: 'both' as const },
      { weight: 4, value: 'online' as const },
    ]);
    const search = searchColumns(name, formerNames);
    out.institutions.push({
      id,
      creditCode: demoCreditCode(index, seed, legalForm, registeredOn),
      name,
      formerNames,
      fields,
      legalForm,
      entryPath: entryPathFor(fields),
      registrationAuthority: REGISTRATION_AUTHORITY[legalForm],
      supervisingDepartment: supervisingDepartment(fields),
      address: addr,
      street,
      phone: phone(rng),
      operatingStatus,
      delivery,
      registeredOn,
      asOf,
      searchText: search.searchText,
      pinyin: search.pinyin,
      initials: search.initials,
      // Derived from the data, not the clock, so two runs produce identical rows.
      updatedAt: new Date(`${asOf}T09:00:00+08:00`),
    });

    const licenceField = fields.find((f) => FIELDS[f].licenceRequired) ?? primary;
    const authority = issuingAuthority(licenceField);
    const scope = licenceScope(rng, fields);
    licenceHistory.forEach((dates, k) => {
      const number = licenceNumber(authority, licenceSerial(index, k === licenceHistory.length - 1 ? 0 : 1, seed));
      out.licences.push({
        institutionId: id,
        number,
        numberNorm: licenceNumberNorm(number),
        issuingAuthority: authority,
        issuedOn: dates.issuedOn,
        expiresOn: dates.expiresOn,
        scope,
        address: k === licenceHistory.length - 1 ? licensedAddress(rng, addr) : addr,
        revokedOn: dates.revokedOn,
        revocationReason: dates.revocationReason,
        asOf,
      });
    });
    const currentLicence = licenceHistory.at(-1);
    if (needsLicence && !currentLicence) this.remember('unlicensed', id);
    if (currentLicence && !closed) {
      const state: LicenceState = licenceState(currentLicence, today);
      if (state === 'expired') this.remember('lapsedLicence', id);
    }

    if (rng.chance(closed ? 0.5 : 0.85)) {
      const promise = promiseFor(rng, id, fields, registeredOn, today);
      out.promises.push(promise);
      if (promise.prepaidCapMonths > 3 || promise.prepaidCapHours > 60 || promise.prepaidCapYuan > 5000) this.remember('overCap', id);
      if (primary !== 'vocational' && promise.classEndTime > '20:30') this.remember('lateClasses', id);
    }
    if (rng.chance(0.8)) out.fundSupervision.push(fundSupervisionFor(rng, id, index + 1, registeredOn, today));

    const inspections = inspectionsFor(rng, {
      institutionId: id,
      fields,
      from: addDays(registeredOn, 30),
      today,
      latest: list === 'black' ? 'fail' : list === 'white' ? 'pass' : null,
      nextId: () => this.nextInspectionId++,
    });
    out.inspections.push(...inspections);
    const latest = inspections.at(-1);
    // A list decision needs its inspection; an institution too young to be inspected stays off lists.
    if (!latest) list = 'none';
    if (list === 'black') {
      const rows = blacklisting(rng, latest!, registeredOn, today);
      out.listDecisions.push(...rows);
      if (rows.some((r) => r.list === 'black' && r.removedOn == null)) this.remember('blacklisted', id);
    } else if (list === 'white') {
      out.listDecisions.push(...whitelisting(rng, latest!, closed, today));
    }
    this.seenLists.add(list);
  }
}

/** The whole data set at once (for tests and small counts). */
export function generateDemo(opts: GenerateOptions): DemoBatch & DemoExtras {
  const gen = new DemoGenerator(opts);
  const all: DemoBatch = { institutions: [], licences: [], promises: [], fundSupervision: [], inspections: [], listDecisions: [] };
  for (const b of gen.batches(1000)) for (const k of Object.keys(all) as (keyof DemoBatch)[]) (all[k] as unknown[]).push(...b[k]);
  return { ...all, ...gen.extras() };
}
