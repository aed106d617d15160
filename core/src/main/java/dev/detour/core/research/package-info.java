/**
 * The research workflow of DESIGN.md §5 as domain logic on the engine: plan a question into
 * sub-questions, investigate them in parallel, judge whether the findings suffice and refine, then
 * synthesize a Markdown {@link dev.detour.core.research.ResearchReport report} whose provenance says
 * which model and inference provider served each step and every fallback taken.
 */
package dev.detour.core.research;
