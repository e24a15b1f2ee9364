import type { RuleKind } from './rule-kinds.js';

export type RuleStatus = 'certain' | 'approximate' | 'to-verify';

export interface RuleDefinition {
  readonly name: string;
  readonly kind: RuleKind;
  readonly description: string;
  readonly defaultValue: string;
  readonly status: RuleStatus;
  readonly source: string;
}

/** The date from which the shipped Belgian rule set applies. */
export const DEFAULT_RULES_FROM = '2026-01-01';

/** Every rule smart knows, with the Belgian 2026 defaults of DOMAIN.md, their status and source. */
export const RULE_CATALOGUE: readonly RuleDefinition[] = [
  { name: 'levy.rate', kind: 'rate', description: "The co-op's management levy, of the invoice amount excl. VAT", defaultValue: '0.065', status: 'certain', source: "SMart's published contribution" },
  { name: 'fund.rate', kind: 'rate', description: 'Guarantee fund contribution, of the invoice amount excl. VAT', defaultValue: '0.02', status: 'certain', source: "The co-op's choice (as described for SMart)" },
  { name: 'share.price', kind: 'amount', description: 'Nominal value of one share, in euros', defaultValue: '30.00', status: 'certain', source: 'SMart' },
  { name: 'payout.weekday', kind: 'weekday', description: 'Day of the weekly payout run', defaultValue: 'friday', status: 'certain', source: "The co-op's choice" },
  { name: 'invoice.due-days', kind: 'days', description: 'Payment term of an invoice, in days after its issue date', defaultValue: '30', status: 'certain', source: "The co-op's choice" },
  { name: 'write-off.after-days', kind: 'days', description: 'An unpaid invoice is written off this many days past due', defaultValue: '180', status: 'certain', source: "The co-op's choice" },
  { name: 'vat.rates', kind: 'rate-list', description: 'Belgian VAT rates an invoice may use', defaultValue: '0.21,0.12,0.06,0', status: 'certain', source: 'VAT code, Royal Decree no. 20' },
  { name: 'employee.social-security.rate', kind: 'rate', description: "Worker's social security contribution, of gross (or of the artist base)", defaultValue: '0.1307', status: 'certain', source: 'ONSS' },
  { name: 'artist.social-security.base-factor', kind: 'factor', description: 'Social security base of artists and manual workers, times gross', defaultValue: '1.08', status: 'certain', source: 'ONSS (holiday pay through the national holiday office)' },
  { name: 'employer.social-security.rate', kind: 'rate', description: "Employer's social security contribution, of gross (or of the artist base)", defaultValue: '0.2695', status: 'approximate', source: 'ONSS: 25.00 basic + wage moderation, 1.69 unemployment, about 0.26 other' },
  { name: 'artist.holiday.rate', kind: 'rate', description: 'Holiday contributions for artists, of the 108 % base', defaultValue: '0.1584', status: 'certain', source: 'ONSS: 5.57 quarterly + 10.27 annual' },
  { name: 'withholding.brackets', kind: 'brackets', description: 'Key formula: annual tax brackets (upper bound:rate)', defaultValue: '16710.00:0.2675,29500.00:0.428,51050.00:0.4815,:0.535', status: 'to-verify', source: "SPF Finances' 2026 key formula (to verify)" },
  { name: 'withholding.flat-costs.rate', kind: 'rate', description: 'Key formula: flat professional costs, of annual taxable pay', defaultValue: '0.3', status: 'to-verify', source: "SPF Finances' 2026 key formula (to verify)" },
  { name: 'withholding.flat-costs.cap', kind: 'amount', description: 'Key formula: cap of the flat professional costs, per year', defaultValue: '6070.00', status: 'to-verify', source: "SPF Finances' 2026 key formula (to verify)" },
  { name: 'withholding.allowance-reduction', kind: 'amount', description: 'Key formula: tax-free allowance reduction, per year (single)', defaultValue: '2987.98', status: 'to-verify', source: "SPF Finances' 2026 key formula (to verify)" },
  { name: 'withholding.flat.rate', kind: 'rate', description: 'Flat withholding for artists (Annex III point 80), where it applies to the member', defaultValue: '0.1111', status: 'certain', source: 'Annex III to the Royal Decree implementing the Income Tax Code, point 80' },
  { name: 'special-contribution.scale', kind: 'capped-scale', description: 'Special social security contribution, monthly, single (from:rate:cap)', defaultValue: '1945.38:0.076:18.60,2190.18:0.011:60.94', status: 'to-verify', source: 'ONSS special social security contribution (to verify)' },
  { name: 'member.retention-years', kind: 'years', description: 'A member who left may be anonymised from 1 January after the year of their last record plus this many years', defaultValue: '10', status: 'to-verify', source: 'Accounting and VAT records 10 years (Code of Economic Law art. III.86, VAT Code art. 60); social documents 5 years after the employment (RD 8 August 1980) (to verify)' },
  { name: 'dimona.joint-committee.employee', kind: 'joint-committee', description: 'Dimona: joint committee (paritair comité) of members in category employee', defaultValue: '200', status: 'approximate', source: 'Auxiliary joint committee for employees (CPNAE/ANPCB); the co-op may belong to a sectoral one' },
  { name: 'dimona.joint-committee.artist', kind: 'joint-committee', description: 'Dimona: joint committee (paritair comité) of members in category artist', defaultValue: '304', status: 'to-verify', source: 'Joint committee for the performing arts; audiovisual work falls under 227 (to verify per activity)' },
  { name: 'dimona.worker-type', kind: 'code', description: 'Dimona: worker type of the declarations (OTH: any worker without a specific Dimona type)', defaultValue: 'OTH', status: 'certain', source: 'ONSS Dimona instructions: worker types (OTH, STU, FLX, EXT, ...)' },
];

export function findRuleDefinition(name: string): RuleDefinition | undefined {
  return RULE_CATALOGUE.find((rule) => rule.name === name);
}
