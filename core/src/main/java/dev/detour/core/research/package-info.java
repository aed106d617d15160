/**
 * The research workflow of DESIGN.md §5 as domain logic on the engine: plan a question into
 * sub-questions, investigate them in parallel (searching every configured evidence source and answering
 * from the merged, numbered evidence when grounding is on), judge whether the findings suffice and
 * refine, then synthesize a Markdown {@link dev.detour.core.research.ResearchReport report} with its
 * References and a provenance that says which model and inference provider served each step, every
 * fallback taken, and which sources answered or failed for each sub-question.
 */
package dev.detour.core.research;
