package dev.detour.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.detour.app.config.ConfigLoader;
import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.Environment;
import dev.detour.app.provider.Providers;
import dev.detour.app.provider.Sources;
import dev.detour.app.testing.SimulatedSources;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.SourceRef;
import dev.detour.core.research.Finding;
import dev.detour.core.research.Reference;
import dev.detour.core.research.ResearchReport;
import dev.detour.core.research.ResearchRun;
import dev.detour.core.research.ResearchRunner;
import dev.detour.core.research.SourceResult;
import dev.detour.core.workflow.RunStatus;
import dev.detour.simulator.Behaviour;
import dev.detour.simulator.ProviderSimulator;
import dev.detour.simulator.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grounded research end to end: the configuration file read as {@code detour} reads it, the real Guice graph
 * ({@link DetourModule}: adapters, resilient sources, the chain), and the simulator's models and sources on
 * loopback. A report cites only what it lists, lists only what it cites, and a run completes whatever the
 * sources do.
 */
class GroundedResearchTest {

    private static final String QUESTION = "Why do tides happen twice a day?";
    private static final Pattern CITATION = Pattern.compile("\\[(\\d+)]");

    @TempDir
    Path directory;

    private ResearchRun research(Scenario scenario) throws IOException {
        try (ProviderSimulator simulator = ProviderSimulator.start(scenario)) {
            Path file = directory.resolve("detour.yaml");
            Files.writeString(file, SimulatedSources.config(simulator));
            Environment environment = Environment.of(Map.of());
            DetourConfig config = Configs.loader(environment, directory).load(Optional.of(file));
            Injector injector = Guice.createInjector(new DetourModule(config, environment));
            try {
                return injector.getInstance(ResearchRunner.class).run(QUESTION);
            } finally {
                injector.getInstance(Providers.class).close();
                injector.getInstance(Sources.class).close();
            }
        }
    }

    /** Every number cited in the report's text above its References section. */
    private static Set<Integer> cited(ResearchReport report) {
        String text = report.markdown().substring(0, report.markdown().indexOf("## References"));
        Set<Integer> numbers = new TreeSet<>();
        Matcher citation = CITATION.matcher(text);
        while (citation.find()) {
            numbers.add(Integer.parseInt(citation.group(1)));
        }
        return numbers;
    }

    private static List<SourceResult> sourcesOf(ResearchRun run) {
        return run.report().findings().stream().flatMap(finding -> finding.sources().stream()).toList();
    }

    @Test
    void everyCitationOfAGroundedReportResolvesToAReferenceAndEveryReferenceIsCited() throws IOException {
        ResearchRun run = research(Scenario.builtIn("hf-outage"));

        ResearchReport report = run.report();
        assertThat(run.result().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(report.complete()).isTrue();
        assertThat(report.references()).isNotEmpty();
        assertThat(cited(report)).containsExactlyElementsOf(report.references().stream().map(Reference::number).toList());
        assertThat(report.findings()).allMatch(Finding::isGrounded).noneMatch(Finding::isUncited);
        assertThat(report.markdown()).contains("## References", "PMID:", "NCT");
        List<Attempt> pubmed = run.result().record().attempts().stream()
                .filter(attempt -> attempt.target().equals(SourceRef.of("pubmed"))).toList();
        assertThat(pubmed).filteredOn(attempt -> attempt.outcome() == Attempt.Outcome.FAILED)
                .extracting(attempt -> attempt.kind().orElseThrow()).containsExactly(ErrorKind.RATE_LIMITED, ErrorKind.RATE_LIMITED);
        assertThat(sourcesOf(run)).allMatch(SourceResult::answered);
    }

    @Test
    void aSourceThatIsDownIsListedAsFailedAndTheOthersStillGroundTheReport() throws IOException {
        ResearchRun run = research(Scenario.builder("europepmc-down")
                .model("hf:Qwen/Qwen2.5-72B-Instruct", model -> model.servedBy("novita").always(Behaviour.ok()))
                .source("europepmc", source -> source.always(Behaviour.status(503, "Service Unavailable")))
                .build());

        ResearchReport report = run.report();
        assertThat(report.complete()).isTrue();
        assertThat(report.findings()).allMatch(Finding::isGrounded);
        assertThat(cited(report)).containsExactlyElementsOf(report.references().stream().map(Reference::number).toList());
        assertThat(sourcesOf(run)).filteredOn(result -> result.source().equals("europepmc"))
                .isNotEmpty().noneMatch(SourceResult::answered);
        assertThat(sourcesOf(run)).filteredOn(result -> !result.source().equals("europepmc")).allMatch(SourceResult::answered);
        assertThat(report.references()).extracting(reference -> reference.evidence().source()).doesNotContain("europepmc");
        assertThat(report.markdown()).contains("europepmc: failed (ProviderUnavailable, HTTP 503)");
    }

    @Test
    void withEverySourceDownTheRunCompletesAnsweredByTheModelsAloneAndMarkedNotGrounded() throws IOException {
        ResearchRun run = research(Scenario.builtIn("sources-down"));

        ResearchReport report = run.report();
        assertThat(run.result().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(report.complete()).isTrue();
        assertThat(report.references()).isEmpty();
        assertThat(cited(report)).isEmpty();
        assertThat(report.findings()).isNotEmpty().allMatch(Finding::isAnswered)
                .allMatch(finding -> finding.notGroundedReason().equals(Optional.of("every evidence source failed")));
        assertThat(sourcesOf(run)).noneMatch(SourceResult::answered);
        assertThat(report.markdown()).contains("Not grounded");
    }
}
