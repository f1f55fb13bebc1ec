/**
 * Suggests who handles a complaint: the lead department, the departments that assist, and the field
 * leads that are only informed, with the plan's reasons. It interprets a versioned routing table
 * (routing-table.ts); the dispatcher confirms or overrides the suggestion and the override is
 * recorded elsewhere. Pure: same input and version, same route, forever.
 */
import type { ComplaintCategory } from './complaint-categories';
import { DEPARTMENTS, FIELDS, TRAINING_FIELDS, type DepartmentCode, type LegalForm, type TrainingField } from '../shared/reference';
import {
  CURRENT_ROUTING_VERSION,
  ROUTING_TABLES,
  type DepartmentSlot,
  type LeadSlot,
  type RoutingTable,
} from './routing-table';

export interface RoutingInput {
  category: ComplaintCategory;
  /** The institution's training fields; empty when unknown or the institution is not listed. */
  fields: readonly TrainingField[];
  legalForm: LegalForm | null;
  prepaidMoneyInvolved?: boolean;
}

export interface Route {
  lead: DepartmentCode;
  /** Departments that handle the case with the lead; never contains the lead, no duplicates. */
  assisting: DepartmentCode[];
  /** Field leads told of the case (section 四(十九)2) that neither lead nor assist. */
  inform: DepartmentCode[];
  /** 'edu' when 区教育局 leads as coordinator of an unclear, cross-sector or complex case. */
  coordinatedBy: 'edu' | null;
  reasons: string[];
  tableVersion: string;
}

/** What routing needs to know about the institution, derived once from the input. */
interface Context {
  table: RoutingTable;
  legalForm: LegalForm | null;
  /** Known fields, in the order of TRAINING_FIELDS, without duplicates. */
  fields: TrainingField[];
  /** The fields' leads with their co-leads (托育: 区教育局 and 区卫生健康委). */
  team: DepartmentCode[];
}

interface LeadChoice {
  lead: DepartmentCode;
  with: DepartmentCode[];
  coordinated: boolean;
  reasons: string[];
}

const unique = <T>(items: readonly T[]): T[] => [...new Set(items)];
const teamOf = (fields: readonly TrainingField[]): DepartmentCode[] => unique(fields.flatMap((f) => [FIELDS[f].lead, ...FIELDS[f].coLead]));
const leadsOf = (fields: readonly TrainingField[]): DepartmentCode[] => unique(fields.map((f) => FIELDS[f].lead));
const fieldNames = (fields: readonly TrainingField[]): string => fields.map((f) => FIELDS[f].name).join('、');
const deptNames = (codes: readonly DepartmentCode[]): string => codes.map((d) => DEPARTMENTS[d].name).join('、');

/** 区民政局 registers non-profits; 区市场监管局 everything else, including an unknown legal form. */
function registrationAuthority(legalForm: LegalForm | null): DepartmentCode {
  return legalForm === 'non_profit' ? 'civil' : 'market';
}

/** Mechanism 4 (section 五(四)): 区教育局 coordinates, the departments concerned assist. */
function coordination(ctx: Context, others: DepartmentCode[]): LeadChoice {
  const fact = ctx.fields.length === 0 ? '机构类别不明' : `机构跨${fieldNames(ctx.fields)}等类别，分属${deptNames(leadsOf(ctx.fields))}`;
  return { lead: 'edu', with: others, coordinated: true, reasons: [`${fact}；${ctx.table.notes.coordination}`] };
}

function chooseLead(slot: LeadSlot, ctx: Context): LeadChoice {
  const plain = (lead: DepartmentCode, reasons: string[] = []): LeadChoice => ({ lead, with: [], coordinated: false, reasons });
  switch (slot) {
    case 'edu_coordinates':
      return { ...plain('edu'), coordinated: true };
    case 'registration_authority':
      return plain(registrationAuthority(ctx.legalForm));
    case 'field_lead': {
      const leads = leadsOf(ctx.fields);
      if (leads.length !== 1) return coordination(ctx, ctx.team);
      const lead = leads[0]!;
      return { ...plain(lead, [`机构属于${fieldNames(ctx.fields)}类，行业主管部门为${DEPARTMENTS[lead].name}`]), with: ctx.team };
    }
    case 'licensing_authority': {
      if (ctx.fields.length === 0) return coordination(ctx, []);
      const licensed = ctx.fields.filter((f) => FIELDS[f].licenceRequired);
      if (licensed.length > 0) {
        const leads = leadsOf(licensed);
        if (leads.length > 1) return coordination(ctx, teamOf(licensed));
        return { ...plain(leads[0]!, [`机构属于${fieldNames(licensed)}类；${ctx.table.notes.licensed}`]), with: teamOf(licensed) };
      }
      const notes = ctx.table.notes;
      const why = ctx.legalForm === 'non_profit' ? notes.unregisteredNonProfit : notes.unregisteredForProfit;
      return plain(registrationAuthority(ctx.legalForm), [`机构属于${fieldNames(ctx.fields)}类，无需办学许可；${why}`]);
    }
    default:
      return plain(slot);
  }
}

function resolveAssisting(slot: DepartmentSlot, ctx: Context, reasons: string[]): DepartmentCode[] {
  switch (slot) {
    case 'registration_authority':
      return [registrationAuthority(ctx.legalForm)];
    case 'field_lead':
      if (ctx.fields.length > 0) return ctx.team;
      reasons.push(ctx.table.notes.unknownFieldAssisting);
      return ['edu'];
    default:
      return [slot];
  }
}

/**
 * The suggested route of a complaint under a routing table version (the current one by default).
 * Throws for a version that was never published: a stored case must name a real table.
 * `tables` is there for tests; production code uses the published ROUTING_TABLES.
 */
export function route(
  input: RoutingInput,
  version: string = CURRENT_ROUTING_VERSION,
  tables: Readonly<Record<string, RoutingTable>> = ROUTING_TABLES,
): Route {
  const table = tables[version];
  if (!table) throw new Error(`unknown routing table version: ${version}`);
  const rule = table.rules[input.category];
  if (!rule) throw new Error(`routing table ${version} has no rule for category: ${input.category}`);

  const fields = TRAINING_FIELDS.filter((f) => input.fields.includes(f));
  const ctx: Context = { table, legalForm: input.legalForm, fields, team: teamOf(fields) };
  const choice = chooseLead(rule.lead, ctx);
  const reasons = [...rule.reasons, ...choice.reasons];

  const assisting = [...choice.with];
  for (const slot of rule.assisting) assisting.push(...resolveAssisting(slot, ctx, reasons));
  if (input.prepaidMoneyInvolved && rule.assistingIfPrepaid) {
    assisting.push(...rule.assistingIfPrepaid);
    if (rule.reasonIfPrepaid) reasons.push(rule.reasonIfPrepaid);
  }
  // The same department never both leads and assists, and appears once.
  const finalAssisting = unique(assisting).filter((d) => d !== choice.lead);
  const inform = ctx.team.filter((d) => d !== choice.lead && !finalAssisting.includes(d));
  if (inform.length > 0) reasons.push(`${table.notes.inform}：${deptNames(inform)}`);

  return {
    lead: choice.lead,
    assisting: finalAssisting,
    inform,
    coordinatedBy: choice.coordinated ? 'edu' : null,
    reasons: unique(reasons),
    tableVersion: table.version,
  };
}
