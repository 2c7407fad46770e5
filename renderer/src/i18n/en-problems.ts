// The words for every problem the backend reports and every issue a network has with a post, in English:
// the catalog's own (shared/contract/problems.ts), so the CLI, scripts and this window say the same.

import { ISSUES, type IssueWords, PROBLEM_ENGLISH, type ProblemWords } from '../../../shared/contract/problems';

export const problemsEn: { readonly problems: ProblemWords; readonly issues: IssueWords } = {
  problems: PROBLEM_ENGLISH,
  issues: ISSUES,
};
