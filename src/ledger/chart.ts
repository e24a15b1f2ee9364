/**
 * The chart of accounts. Codes are hledger-style paths so that an export to hledger or beancount
 * keeps them; accounts held per member carry the member's id. Debits are positive, credits negative.
 */
export type AccountType = 'asset' | 'liability' | 'equity' | 'income' | 'expense';

export interface AccountSpec {
  readonly code: string;
  readonly type: AccountType;
  readonly name: string;
  readonly memberId?: number;
  readonly clientId?: number;
}

export const BANK: AccountSpec = { code: 'assets:bank', type: 'asset', name: "The co-op's bank account" };

export const SHARE_REFUNDS_PAYABLE: AccountSpec = {
  code: 'liabilities:share-refunds',
  type: 'liability',
  name: 'Share refunds owed to members who left',
};

export function shareCapitalAccount(memberId: number): AccountSpec {
  return { code: `equity:share-capital:member-${memberId}`, type: 'equity', name: `Share capital of member ${memberId}`, memberId };
}

/** The member's activity account: budget credited by invoices, paid out as salary and expenses. */
export function activityAccount(memberId: number): AccountSpec {
  return { code: `liabilities:activity:member-${memberId}`, type: 'liability', name: `Activity account of member ${memberId}`, memberId };
}

export const VAT_PAYABLE: AccountSpec = { code: 'liabilities:vat-payable', type: 'liability', name: 'VAT owed to the state' };

export const LEVY_INCOME: AccountSpec = { code: 'income:levy', type: 'income', name: "The co-op's management levy" };

/** The mutual reserve that lets the co-op pay salaries before clients pay and absorbs bad debts. */
export const GUARANTEE_FUND: AccountSpec = { code: 'equity:guarantee-fund', type: 'equity', name: 'Guarantee fund' };

/** What a client owes the co-op (invoices issued in the co-op's name, less payments). */
export function receivableAccount(clientId: number): AccountSpec {
  return { code: `assets:receivable:client-${clientId}`, type: 'asset', name: `Receivable from client ${clientId}`, clientId };
}

export const NET_SALARIES_PAYABLE: AccountSpec = { code: 'liabilities:net-salaries', type: 'liability', name: 'Net salaries to transfer to members' };

export const EXPENSES_PAYABLE: AccountSpec = { code: 'liabilities:expenses-payable', type: 'liability', name: 'Expense notes to reimburse to members' };

/** Social security owed to the ONSS: employee, employer, artists' holiday and special contributions. */
export const ONSS_PAYABLE: AccountSpec = { code: 'liabilities:onss', type: 'liability', name: 'Social security owed to the ONSS' };

export const WITHHOLDING_PAYABLE: AccountSpec = { code: 'liabilities:withholding-tax', type: 'liability', name: 'Withholding tax owed to SPF Finances' };

/** Money a client paid beyond their invoices: owed back to them or set against their next invoice. */
export function clientCreditAccount(clientId: number): AccountSpec {
  return { code: `liabilities:client-credits:client-${clientId}`, type: 'liability', name: `Overpayments of client ${clientId}`, clientId };
}
