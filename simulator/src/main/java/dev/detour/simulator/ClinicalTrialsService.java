package dev.detour.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * ClinicalTrials.gov's API v2 {@code /studies}: the {@code query.*} parameters are the query,
 * {@code filter.overallStatus} filters, {@code pageSize}/{@code pageToken}/{@code nextPageToken} page, and
 * {@code countTotal=true} adds {@code totalCount} to the first page. An unknown parameter gets the real
 * service's plain-text 400.
 */
final class ClinicalTrialsService implements SourceService {

    static final int DEFAULT_PAGE_SIZE = 10;
    static final int MAX_PAGE_SIZE = 1000;
    static final Set<String> PARAMETERS = Set.of("format", "markupFormat", "query.cond", "query.term", "query.locn",
            "query.titles", "query.intr", "query.outc", "query.spons", "query.lead", "query.id", "query.patient",
            "filter.overallStatus", "filter.geo", "filter.ids", "filter.advanced", "filter.synonyms",
            "postFilter.overallStatus", "postFilter.geo", "postFilter.ids", "postFilter.advanced",
            "postFilter.synonyms", "aggFilters", "geoDecay", "fields", "sort", "countTotal", "pageSize", "pageToken");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String VERSION_HOLDER = "2026-11-28";

    @Override
    public Outcome answer(SourceRequest request) {
        for (String name : request.parameters().keySet()) {
            if (!PARAMETERS.contains(name)) {
                return new Refusal(400, ContentTypes.TEXT, "`" + name + "` is unknown parameter");
            }
        }
        String format = request.first("format", "json");
        if (!format.equals("json")) {
            return new Refusal(400, ContentTypes.TEXT, "the simulator answers format=json only, not `" + format + "`");
        }
        OptionalInt offset = request.first("pageToken").map(PageToken::offset).orElse(OptionalInt.of(0));
        if (offset.isEmpty()) {
            return new Refusal(400, ContentTypes.TEXT, "`pageToken` was not handed out by this simulator; send the"
                    + " previous page's nextPageToken");
        }
        String query = request.parameters().entrySet().stream()
                .filter(entry -> entry.getKey().startsWith("query."))
                .flatMap(entry -> entry.getValue().stream())
                .collect(Collectors.joining(" "));
        List<String> statuses = request.list("filter.overallStatus").stream().map(s -> s.toUpperCase(Locale.ROOT)).toList();
        List<Trial> trials = EvidenceSet.of(query).trials().stream()
                .filter(trial -> statuses.isEmpty() || statuses.contains(trial.status()))
                .toList();
        boolean countTotal = request.first("countTotal", "false").equalsIgnoreCase("true")
                && request.first("pageToken").isEmpty();
        int start = Math.min(offset.getAsInt(), trials.size());
        int end = Math.min(trials.size(), start + request.number("pageSize", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE));
        ObjectNode body = NODES.objectNode();
        if (countTotal) {
            body.put("totalCount", trials.size());
        }
        ArrayNode studies = body.putArray("studies");
        trials.subList(start, end).forEach(trial -> studies.add(study(trial, query)));
        if (end < trials.size()) {
            body.put("nextPageToken", PageToken.of(end));
        }
        return new EvidenceAnswer(ContentTypes.JSON, body.toString(), () -> {
            ObjectNode none = NODES.objectNode();
            if (countTotal) {
                none.put("totalCount", 0);
            }
            none.putArray("studies");
            return none.toString();
        });
    }

    private static ObjectNode study(Trial trial, String query) {
        ObjectNode study = NODES.objectNode();
        ObjectNode protocol = study.putObject("protocolSection");
        ObjectNode identification = protocol.putObject("identificationModule");
        identification.put("nctId", trial.nctId());
        identification.putObject("orgStudyIdInfo").put("id", trial.orgStudyId());
        identification.putObject("organization").put("fullName", trial.sponsor()).put("class", "OTHER");
        identification.put("briefTitle", trial.briefTitle());
        identification.put("officialTitle", trial.officialTitle());
        ObjectNode status = protocol.putObject("statusModule");
        status.put("statusVerifiedDate", trial.verified().toString().substring(0, 7));
        status.put("overallStatus", trial.status());
        status.putObject("startDateStruct").put("date", trial.startDate()).put("type", trial.startType());
        trial.completion().ifPresent(date -> dated(status, "completionDateStruct", date));
        trial.resultsPosted().ifPresent(date -> dated(status, "resultsFirstPostDateStruct", date));
        dated(status, "lastUpdatePostDateStruct", trial.lastUpdate());
        protocol.putObject("sponsorCollaboratorsModule").putObject("leadSponsor")
                .put("name", trial.sponsor()).put("class", "OTHER");
        protocol.putObject("descriptionModule").put("briefSummary", "Detour's evidence simulator wrote this record"
                + " for the query \"" + query + "\"; it describes no real trial.");
        ObjectNode conditions = protocol.putObject("conditionsModule");
        trial.conditions().forEach(conditions.putArray("conditions")::add);
        trial.keywords().forEach(conditions.putArray("keywords")::add);
        ObjectNode design = protocol.putObject("designModule");
        design.put("studyType", trial.design().studyType());
        if (!trial.design().phases().isEmpty()) {
            trial.design().phases().forEach(design.putArray("phases")::add);
        }
        design.putObject("enrollmentInfo").put("count", trial.enrollment())
                .put("type", trial.startType().equals("ACTUAL") ? "ACTUAL" : "ESTIMATED");
        ArrayNode interventions = protocol.putObject("armsInterventionsModule").putArray("interventions");
        trial.design().interventions().forEach(intervention ->
                interventions.addObject().put("type", intervention.type()).put("name", intervention.name()));
        ObjectNode outcomes = protocol.putObject("outcomesModule");
        outcomes.putArray("primaryOutcomes").addObject()
                .put("measure", "Change from baseline in a simulated primary score").put("timeFrame", "Baseline to week 24");
        outcomes.putArray("secondaryOutcomes").addObject()
                .put("measure", "Simulated adverse events").put("timeFrame", "Up to week 52");
        ObjectNode derived = study.putObject("derivedSection");
        derived.putObject("miscInfoModule").put("versionHolder", VERSION_HOLDER);
        derived.putObject("conditionBrowseModule").putArray("meshes").addObject()
                .put("id", trial.meshId()).put("term", Trial.CONDITION);
        study.put("hasResults", trial.hasResults());
        return study;
    }

    private static void dated(ObjectNode status, String field, LocalDate date) {
        status.putObject(field).put("date", date.toString()).put("type", "ACTUAL");
    }
}
