package dev.detour.core.research;

import dev.detour.core.evidence.EvidenceRecord;
import dev.detour.core.evidence.SearchOutcome;
import dev.detour.core.evidence.SearchQuery;
import dev.detour.core.evidence.SourceSearch;
import dev.detour.core.internal.Require;
import dev.detour.core.model.AllModelsFailedError;
import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.CitationRule;
import dev.detour.core.model.GenerationOptions;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.ResponseFormat;
import dev.detour.core.model.SourceRef;
import dev.detour.core.workflow.BudgetExhaustedException;
import dev.detour.core.workflow.LoopResult;
import dev.detour.core.workflow.StepContext;
import dev.detour.core.workflow.Workflow;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds the research workflow of DESIGN.md §5: plan → investigate (bounded parallel) → judge and
 * refine until sufficient, out of rounds or out of budget → synthesize.
 *
 * <p>With grounding on, each sub-question is first searched in every configured source at once, the
 * records merged without duplicates, and the sub-question answered from that numbered evidence, citing it
 * as {@code [n]}: an answer citing evidence it was not given is a MalformedResponse of that model (retried
 * once, then fallen back from). A sub-question no source gave evidence for is answered from the model
 * alone and marked not grounded; a source failing never fails the run. Judge and synthesis see the
 * findings with report-wide reference numbers.
 *
 * <p>A sub-question no model could answer becomes an unanswered finding rather than a failed run, and an
 * exhausted budget ends refining and synthesis with what was gathered, saying so. Only a plan or a
 * synthesis that every model failed fails the run; its record keeps every finding.
 */
public final class ResearchWorkflow {

    /** The workflow's name in runs and events. */
    public static final String NAME = "research";

    static final String PLAN = "plan";
    static final String SEARCH = "search";
    static final String ANSWER = "answer";
    static final String JUDGE = "judge";
    /** The name of the judge-and-refine loop, whose iterations step paths count. */
    static final String REFINE = "refine";

    private final ResearchSettings settings;

    private ResearchWorkflow(ResearchSettings settings) {
        this.settings = Require.nonNull(settings, "settings");
    }

    /** The research workflow with {@code settings}. */
    public static Workflow<String, ResearchOutcome> of(ResearchSettings settings) {
        return new ResearchWorkflow(settings).build();
    }

    private Workflow<String, ResearchOutcome> build() {
        Workflow<Inquiry, Finding> answer = settings.grounding().enabled()
                ? Workflow.step(SEARCH, this::search).then(ANSWER, this::answerFrom)
                : Workflow.step(ANSWER, this::answer);
        Workflow<ResearchState, ResearchState> investigate = Workflow.parallelMap(
                "investigate", ResearchState::planInquiries, answer, ResearchState::withFindings, settings.parallelism());
        Workflow<ResearchState, ResearchState> followUps = Workflow.parallelMap(
                "follow-ups", ResearchState::pendingInquiries, answer, ResearchState::withFindings, settings.parallelism());
        Workflow<ResearchState, LoopResult<ResearchState>> refine = Workflow.loopUntil(
                REFINE, Workflow.step(JUDGE, this::judge).then(followUps), ResearchState::settled,
                settings.maxIterations());
        return Workflow.step(PLAN, this::plan)
                .then(investigate)
                .then(refine)
                .then("synthesize", this::synthesize)
                .named(NAME);
    }

    private ResearchState plan(String question, StepContext context) {
        Require.nonBlank(question, "question");
        ChatResponse response = context.call(ChatRequest.of(ResearchPrompts.plan(question, settings.maxSubQuestions()))
                .withResponseFormat(ResponseFormat.of(ResearchPlan.class)));
        Set<String> seen = new HashSet<>();
        List<String> subQuestions = response.structured(ResearchPlan.class).subQuestions().stream()
                .map(String::strip)
                .filter(subQuestion -> seen.add(ResearchState.normalized(subQuestion)))
                .limit(settings.maxSubQuestions())
                .toList();
        return ResearchState.planned(question.strip(), subQuestions);
    }

    private GatheredEvidence search(Inquiry inquiry, StepContext context) {
        GroundingSettings grounding = settings.grounding();
        String text = SearchQueries.of(inquiry.subQuestion());
        String query = text.isBlank() ? SearchQueries.of(inquiry.researchQuestion()) : text;
        List<SourceRef> available = context.sources();
        List<SourceSearch> searches = new ArrayList<>();
        for (String name : grounding.sources()) {
            if (!query.isBlank() && available.contains(SourceRef.of(name))) {
                searches.add(SourceSearch.of(SourceRef.of(name), SearchQuery.of(query, grounding.resultsPerSource())));
            }
        }
        List<SearchOutcome> outcomes = searches.isEmpty() ? List.of() : context.search(searches, searches.size());
        List<SourceResult> results = new ArrayList<>();
        for (String name : grounding.sources()) {
            results.add(outcomes.stream().filter(outcome -> outcome.source().name().equals(name)).findFirst()
                    .map(SourceResult::of)
                    .orElseGet(() -> query.isBlank() ? SourceResult.nothingToSearch(name) : SourceResult.unavailable(name)));
        }
        List<EvidenceRecord> evidence = EvidenceMerge.merge(
                outcomes.stream().map(SearchOutcome::records).toList(), grounding.maxEvidencePerQuestion());
        return new GatheredEvidence(inquiry, evidence, results);
    }

    private Finding answerFrom(GatheredEvidence gathered, StepContext context) {
        Inquiry inquiry = gathered.inquiry();
        List<ChatMessage> prompt = gathered.evidence().isEmpty()
                ? ResearchPrompts.answerWithoutEvidence(inquiry)
                : ResearchPrompts.answerFromEvidence(inquiry, gathered.evidence());
        return answer(inquiry, ChatRequest.of(prompt).withRule(new CitationRule(gathered.evidence().size())), context)
                .gathered(gathered);
    }

    private Finding answer(Inquiry inquiry, StepContext context) {
        return answer(inquiry, ChatRequest.of(ResearchPrompts.answer(inquiry)), context);
    }

    private Finding answer(Inquiry inquiry, ChatRequest request, StepContext context) {
        try {
            ChatResponse response = context.call(
                    request.withOptions(GenerationOptions.defaults().withMaxOutputTokens(settings.answerTokens())));
            return Finding.answered(inquiry.subQuestion(), response.text(), servedBy(response));
        } catch (AllModelsFailedError e) {
            return Finding.unanswered(inquiry.subQuestion(), "every model failed: " + failures(e));
        } catch (ModelCallException e) {
            return Finding.unanswered(inquiry.subQuestion(), e.kind().displayName() + ", " + e.summary());
        } catch (BudgetExhaustedException e) {
            return Finding.unanswered(inquiry.subQuestion(), "not investigated: " + e.exhaustion().describe());
        }
    }

    private ResearchState judge(ResearchState state, StepContext context) {
        Verdict verdict;
        try {
            verdict = context.call(ChatRequest.of(ResearchPrompts.judge(state, Bibliography.of(state.findings())))
                            .withResponseFormat(ResponseFormat.of(Verdict.class)))
                    .structured(Verdict.class);
        } catch (AllModelsFailedError e) {
            verdict = unjudged("every model failed: " + failures(e));
        } catch (ModelCallException e) {
            verdict = unjudged(e.kind().displayName() + ", " + e.summary());
        }
        return state.withVerdict(verdict, settings.maxFollowUps());
    }

    private static Verdict unjudged(String reason) {
        return new Verdict(false, List.of("the findings could not be judged (" + reason + ")"), List.of());
    }

    private ResearchOutcome synthesize(LoopResult<ResearchState> refined, StepContext context) {
        ResearchState state = refined.state();
        List<String> limitations = new ArrayList<>(limitations(refined));
        Bibliography bibliography = Bibliography.of(state.findings());
        boolean grounded = settings.grounding().enabled();
        ChatRequest request = ChatRequest.of(ResearchPrompts.synthesize(state, bibliography, grounded))
                .withOptions(GenerationOptions.defaults().withMaxOutputTokens(settings.reportTokens()));
        try {
            ChatResponse response = context.call(
                    grounded ? request.withRule(new CitationRule(bibliography.references().size())) : request);
            return new ResearchOutcome(state, Optional.of(response.text()), refined.stopReason(), limitations);
        } catch (BudgetExhaustedException e) {
            limitations.add("The budget ran out before synthesis (" + e.exhaustion().describe()
                    + "): this report lists the findings without a synthesized answer.");
            return new ResearchOutcome(state, Optional.empty(), refined.stopReason(), limitations);
        }
    }

    private List<String> limitations(LoopResult<ResearchState> refined) {
        List<String> limitations = new ArrayList<>();
        ResearchState state = refined.state();
        switch (refined.stopReason()) {
            case BUDGET_EXHAUSTED -> limitations.add("Refining stopped early: "
                    + refined.exhaustion().orElseThrow().describe() + ".");
            case MAX_ITERATIONS -> {
                if (state.lastVerdict().map(verdict -> !verdict.sufficient()).orElse(true)) {
                    limitations.add("Refining stopped after " + refined.iterations()
                            + (refined.iterations() == 1 ? " round" : " rounds")
                            + " without the findings being judged sufficient.");
                }
            }
            case CONDITION_MET -> {
                if (state.lastVerdict().map(verdict -> !verdict.sufficient()).orElse(false)) {
                    limitations.add("Refining stopped although the judge was not satisfied with the findings: every"
                            + " follow-up question it suggested had already been asked.");
                }
            }
        }
        long unanswered = state.findings().stream().filter(finding -> !finding.isAnswered()).count();
        if (unanswered > 0) {
            limitations.add(unanswered + " of " + state.findings().size()
                    + " sub-questions could not be answered; see Open questions.");
        }
        long notGrounded = state.findings().stream().filter(finding -> finding.notGroundedReason().isPresent()).count();
        if (notGrounded > 0) {
            limitations.add(notGrounded + " of " + state.findings().size()
                    + " sub-questions were answered from the model alone, without evidence (marked not grounded).");
        }
        long uncited = state.findings().stream().filter(Finding::isUncited).count();
        if (uncited > 0) {
            limitations.add(uncited + " of " + state.findings().size()
                    + " answers cite none of the evidence given to them (marked uncited).");
        }
        return limitations;
    }

    private static String servedBy(ChatResponse response) {
        return response.model() + response.inferenceProvider().map(provider -> " via " + provider).orElse("");
    }

    private static String failures(AllModelsFailedError error) {
        return error.attempts().stream()
                .map(attempt -> attempt.model() + " (" + attempt.shortReason() + ")")
                .distinct()
                .collect(Collectors.joining(", "));
    }
}
