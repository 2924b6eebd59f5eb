import type { AccountView } from '@hqe/core';
import { useOutletContext } from 'react-router';

export interface ConsoleContext {
  account: AccountView;
}

/** The logged-in staff account, given to console pages by the console layout. */
export function useConsoleAccount(): AccountView {
  return useOutletContext<ConsoleContext>().account;
}
