import type { Book } from '../book/open-book.js';
import { findClient } from '../clients/manage-clients.js';
import { findCoop } from '../coop/coop-store.js';
import type { EmploymentContractInput } from '../documents/pdf/contract-pdf.js';
import { computeContributions } from '../invoicing/contributions.js';
import { findMember } from '../members/show-member.js';
import { formatCents, percentOf } from '../money/index.js';
import { NO_EARLIER_PAY, computeSalary, salaryRatesAt } from '../payroll/salary-engine.js';
import { loadRules } from '../rules/set-rule.js';
import { findContract } from './manage-contracts.js';

/**
 * What the employment contract of a contract shows, with the gross salary estimated by the
 * salary engine from the rules in force on the first day of work (the real salary is computed
 * by the payout run, on its own date).
 */
export function employmentContractInput(book: Book, contractId: number): EmploymentContractInput {
  const contract = findContract(book, contractId);
  const member = findMember(book, contract.memberId);
  const coop = findCoop(book);
  if (coop === undefined) throw new Error('the book has no co-op identity');
  const rules = loadRules(book);
  const date = contract.startDate;
  const { budgetCents } = computeContributions(contract.amountCents, rules.rateAt('levy.rate', date), rules.rateAt('fund.rate', date));
  const rates = salaryRatesAt(rules, date);
  const salary = computeSalary({ salaryBudgetCents: budgetCents, category: member.category, withholding: member.withholding, monthToDate: NO_EARLIER_PAY }, rates);
  const load =
    member.category === 'artist'
      ? `1 + ${rates.artistBaseFactor.toString()} x ${rates.employer.toString()} + ${rates.artistBaseFactor.toString()} x ${rates.artistHoliday.toString()}`
      : `1 + ${rates.employer.toString()}`;
  return {
    coop,
    member,
    contract,
    clientName: findClient(book, contract.clientId).name,
    salary: {
      budgetCents,
      grossCents: salary.grossCents,
      employerContributionsCents: salary.employerContributionsCents + salary.holidayContributionsCents,
      basis: `gross = floor(${formatCents(budgetCents)} / (${load})), the budget being the amount excl. VAT less the levy (${percentOf(rules.rateAt('levy.rate', date))} %) and the guarantee fund (${percentOf(rules.rateAt('fund.rate', date))} %)`,
    },
  };
}
