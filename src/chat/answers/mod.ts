/**
 * @module
 * Answers to the catalog's read queries, from the fleet snapshot and a cost breakdown.
 */
export { answerQuery, breakdownNeeded, MAX_ANSWER_LINES } from "./answer_query.ts";
export type { QueryAnswer, QueryData } from "./answer_query.ts";
