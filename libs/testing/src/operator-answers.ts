import type { OperatorAnswer } from '@bridge/contracts';

/** The result of an operator command's answer that must be ok; a refusal (or no answer) fails the test with it. */
export function operatorResultOf<T>(answer: OperatorAnswer<T> | undefined): T {
  if (!answer?.ok) throw new Error(`no result: ${JSON.stringify(answer)}`);
  return answer.result;
}
