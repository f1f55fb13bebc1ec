/**
 * The demo data set, built in memory from (seed, count, today) with no I/O: the same three inputs
 * always give the same rows. Institutions come out in batches so 100,000 of them never sit in
 * memory at once; warnings, contracts and their links come at the end, from what was generated.
 *
 * Each institution draws from its own random stream (seed, index), so changing how one is built
 * does not reshuffle all the others. Ids of institutions, inspections and draws are assigned here,
 * because list decisions, warnings and inspections refer to them before anything is written.
 *
 * Every row of an institution is derived from its story (db/seed/story.ts: founded → licensed →
 * inspected → listed → warned → suspended or closed), so no record contradicts another; the
 * invariants are tested in tests/unit/seed/demo-invariants.test.ts.
 */
import { addDays, type IsoDate } from '../../src/domain/shared/dates';
import { licenceState } from '../../src/domain/registry/licence-state';
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
import { DemoDraws, type DrawRow } from './draws';
import { fundSupervisionFor } from './funds';
import { storyInspections, type InspectionRow } from './inspections';
import { issuingAuthority, licenceNumber, licenceNumberNorm, licenceScope, licenceSerial } from './licences';
import { blacklisting, storyWhitelisting, type ListDecisionRow } from './list-decisions';
import { brand, formerName, institutionName, longBrand, type NameContext } from './names';
import { promiseFor } from './promises';
import { createRng, type Rng, type Weighted } from './random';
import { lastActiveDay, licensedStory, licenceInForceOn, pickStoryState, statusForState, unlicensedStory, type Story, type StoryLicenceState } from './story';
import { buildWarnings, poolWarningPublishedOn, WARNING_POOLS, type WarningLinkRow, type WarningPool, type WarningRow } from './warnings';

/** Row types of the generated data set (ids of institutions assigned here). */
export type InstitutionRow = typeof institutions.$inferInsert & { id: number };
export type LicenceRow = typeof licences.$inferInsert;
export type PromiseRow = typeof promises.$inferInsert;
export type FundRow = typeof fundSupervision.$inferInsert;
export type { DrawRow, InspectionRow, ListDecisionRow, ModelContractRow, WarningLinkRow, WarningRow };

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
  inspectionDraws: number;
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
  /** The 双随机 draws the double-random inspections cite (db/seed/draws.ts). */
  inspectionDraws: DrawRow[];
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
const SHOWCASE_STATES = ['valid', 'expiring', 'expired', 'revoked'] as const satisfies readonly StoryLicenceState[];

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

function later(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

/** Why a whitelisting ended on the day the institution stopped. */
function whiteEndReason(story: Story): string {
  if (story.cause === 'lapsed') return '办学许可证到期未延续，移出白名单';
  if (story.cause === 'revoked') return '办学许可证被吊销，移出白名单';
  return story.status === 'closed' ? '机构已停止办学，移出白名单' : '机构停业整顿，移出白名单';
}

/** Builds the demo data set incrementally; see {@link generateDemo} for the all-at-once form. */
export class DemoGenerator {
  readonly seed: number;
  readonly count: number;
  readonly today: IsoDate;
  private readonly base: IdBase;
  private readonly rng: Rng;
  private readonly draws: DemoDraws;
  private readonly names = new Set<string>();
  private readonly seenStates = new Set<StoryLicenceState>();
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
    this.base = { institutions: 0, inspections: 0, riskWarnings: 0, inspectionDraws: 0, ...opts.idBase };
    this.rng = createRng(opts.seed);
    this.draws = new DemoDraws(opts.seed, opts.today, this.base.inspectionDraws + 1);
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

  /** Warnings, their links, model contracts and the draws; call after all batches were consumed. */
  extras(): DemoExtras {
    if (this.done < this.count) throw new Error('extras() needs all batches to be generated first');
    const { warnings, links } = buildWarnings(this.today, this.base.riskWarnings + 1, this.pools);
    return {
      riskWarnings: warnings,
      warningInstitutions: links,
      modelContracts: MODEL_CONTRACTS.map((c) => ({ ...c })),
      inspectionDraws: this.count > 0 ? this.draws.rows() : [],
    };
  }

  /**
   * Names the institution in the warning about `pool` if there is room and it showed the problem
   * by the day the warning was published; returns that day, or null when it is not named.
   */
  private remember(pool: WarningPool, id: number, since: IsoDate): IsoDate | null {
    const list = this.pools[pool];
    const publishedOn = poolWarningPublishedOn(pool, this.today);
    if (list.length >= POOL_SIZE || since > publishedOn) return null;
    list.push(id);
    return publishedOn;
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

  /** The story of one institution: its fields, list plan, licences and how (if) it stopped. */
  private story(rng: Rng, list: ListPlan, needsLicence: boolean): Story {
    let status: OperatingStatus =
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
    const licensed = needsLicence ? rng.chance(0.97) : rng.chance(0.05);
    if (!licensed) return unlicensedStory(rng, status, list === 'black', this.today);
    let state = pickStoryState(rng, status);
    // Half of the blacklisted ones that stopped lost their licence too.
    if (list === 'black' && status !== 'operating' && rng.chance(0.5)) state = 'revoked';
    // Small data sets still show every licence state: the first licensed institutions fill in a missing one.
    const missing = SHOWCASE_STATES.find((s) => !this.seenStates.has(s));
    if (missing) state = missing;
    status = statusForState(state, status);
    this.seenStates.add(state);
    return licensedStory(rng, state, status, this.today);
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
    const needsLicence = fields.some((f) => FIELDS[f].licenceRequired);
    const story = this.story(rng, list, needsLicence);
    const { foundedOn, status, endOn } = story;
    const unlicensed = needsLicence && story.licences.length === 0;
    // An institution without the licence its field needs is never whitelisted.
    if (unlicensed && list === 'white') list = 'none';

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
    const creditCode = demoCreditCode(index, seed, legalForm, foundedOn);
    const addr = address(rng, street);
    const delivery: DeliveryMode = rng.weighted([
      { weight: 82, value: 'offline' as const },
      { weight: 14, value: 'both' as const },
      { weight: 4, value: 'online' as const },
    ]);
    const telephone = phone(rng);

    // Inspected while it operated: regular and special checks, and the draws that picked it.
    const visits = this.draws.visitsFor({ creditCode, name, fields, legalForm, street, foundedOn, endOn });
    const sanctioned = story.cause === 'revoked' || story.cause === 'sanctioned';
    const inspections = storyInspections(rng, {
      institutionId: id,
      fields,
      from: addDays(foundedOn, 30),
      to: lastActiveDay(story, today),
      today,
      visits,
      latest: list === 'black' || sanctioned ? 'fail' : list === 'white' ? 'pass' : null,
      permitNoteOn: (day) => licenceInForceOn(story.licences, day) || (!needsLicence && story.licences.length === 0),
      nextId: () => this.nextInspectionId++,
    });
    // Listed after the latest inspection; an institution too young to be inspected stays off lists.
    const latest = inspections.at(-1);
    let decisions: ListDecisionRow[] = [];
    if (latest && list === 'black' && latest.result === 'fail') decisions = blacklisting(rng, latest, foundedOn, today);
    else if (latest && list === 'white' && latest.result === 'pass') decisions = storyWhitelisting(rng, latest, endOn, whiteEndReason(story), today);
    if (decisions.length === 0) list = 'none';
    this.seenLists.add(list);

    const promise = rng.chance(status === 'closed' ? 0.5 : 0.85) ? promiseFor(rng, id, fields, foundedOn, endOn ? addDays(endOn, -1) : today) : null;
    const fund = rng.chance(0.8) ? fundSupervisionFor(rng, id, index + 1, foundedOn, today) : null;

    // Warned: the warnings name a few institutions of each kind (db/seed/warnings.ts).
    const warnedOn: (IsoDate | null)[] = [];
    const current = story.licences.at(-1);
    const blackNow = decisions.find((d) => d.list === 'black' && d.removedOn == null);
    if (blackNow) warnedOn.push(this.remember('blacklisted', id, blackNow.effectiveOn));
    if (unlicensed && status === 'operating') warnedOn.push(this.remember('unlicensed', id, foundedOn));
    if (current && status !== 'closed' && licenceState(current, today) === 'expired') warnedOn.push(this.remember('lapsedLicence', id, addDays(current.expiresOn, 1)));
    if (promise && status !== 'closed') {
      if (promise.prepaidCapMonths > 3 || promise.prepaidCapHours > 60 || promise.prepaidCapYuan > 5000) warnedOn.push(this.remember('overCap', id, promise.madeOn));
      if (primary !== 'vocational' && promise.classEndTime > '20:30') warnedOn.push(this.remember('lateClasses', id, promise.madeOn));
    }

    // "As of": a recent confirmation, never before the latest record the profile shows.
    const records: (IsoDate | null | undefined)[] = [
      endOn,
      ...story.licences.flatMap((l) => [l.issuedOn, l.revokedOn]),
      ...inspections.flatMap((i) => [i.inspectedOn, i.publishedOn]),
      ...decisions.flatMap((d) => [d.effectiveOn, d.removedOn]),
      ...warnedOn,
    ];
    let asOf = rng.dateBetween(later(foundedOn, addDays(today, -120)), today);
    for (const d of records) if (d && d > asOf) asOf = d;

    const search = searchColumns(name, formerNames);
    out.institutions.push({
      id,
      creditCode,
      name,
      formerNames,
      fields,
      legalForm,
      entryPath: entryPathFor(fields),
      registrationAuthority: REGISTRATION_AUTHORITY[legalForm],
      supervisingDepartment: supervisingDepartment(fields),
      address: addr,
      street,
      phone: telephone,
      operatingStatus: status,
      delivery,
      registeredOn: foundedOn,
      asOf,
      searchText: search.searchText,
      pinyin: search.pinyin,
      initials: search.initials,
      // Derived from the data, not the clock, so two runs produce identical rows.
      updatedAt: new Date(`${asOf}T09:00:00+08:00`),
    });

    const authority = issuingAuthority(fields.find((f) => FIELDS[f].licenceRequired) ?? primary);
    const scope = licenceScope(rng, fields);
    story.licences.forEach((dates, k) => {
      const last = k === story.licences.length - 1;
      const number = licenceNumber(authority, licenceSerial(index, last ? 0 : 1, seed));
      out.licences.push({
        institutionId: id,
        number,
        numberNorm: licenceNumberNorm(number),
        issuingAuthority: authority,
        issuedOn: dates.issuedOn,
        expiresOn: dates.expiresOn,
        scope,
        address: last ? licensedAddress(rng, addr) : addr,
        revokedOn: dates.revokedOn,
        revocationReason: dates.revocationReason,
        asOf,
      });
    });
    if (promise) out.promises.push(promise);
    if (fund) out.fundSupervision.push(fund);
    out.inspections.push(...inspections);
    out.listDecisions.push(...decisions);
  }
}

/** The whole data set at once (for tests and small counts). */
export function generateDemo(opts: GenerateOptions): DemoBatch & DemoExtras {
  const gen = new DemoGenerator(opts);
  const all: DemoBatch = { institutions: [], licences: [], promises: [], fundSupervision: [], inspections: [], listDecisions: [] };
  for (const b of gen.batches(1000)) for (const k of Object.keys(all) as (keyof DemoBatch)[]) (all[k] as unknown[]).push(...b[k]);
  return { ...all, ...gen.extras() };
}
