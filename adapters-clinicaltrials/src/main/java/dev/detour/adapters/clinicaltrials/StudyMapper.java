package dev.detour.adapters.clinicaltrials;

import com.fasterxml.jackson.databind.JsonNode;
import dev.detour.core.evidence.EvidenceId;
import dev.detour.core.evidence.EvidenceKind;
import dev.detour.core.evidence.EvidenceRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns one study into a trial record: its NCT id, brief (else official) title, start date as the date it is
 * cited by, brief summary, and status, phases, conditions, interventions and whether results are posted as
 * details. A study without a valid NCT id or a title is left out.
 */
final class StudyMapper {

    static final String VENUE = "ClinicalTrials.gov";

    private static final Pattern DATE = Pattern.compile("[12][0-9]{3}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?");

    private final String source;

    StudyMapper(String source) {
        this.source = source;
    }

    Optional<EvidenceRecord> record(JsonNode study) {
        JsonNode protocol = study.path("protocolSection");
        JsonNode identification = protocol.path("identificationModule");
        Optional<EvidenceId> id = nctId(text(identification, "nctId"));
        String title = Optional.ofNullable(text(identification, "briefTitle")).orElse(text(identification, "officialTitle"));
        if (id.isEmpty() || title == null) {
            return Optional.empty();
        }
        JsonNode status = protocol.path("statusModule");
        EvidenceRecord.Builder record = EvidenceRecord.builder(source, id.get(), title)
                .kind(EvidenceKind.TRIAL)
                .venue(VENUE)
                .published(date(status.path("startDateStruct")))
                .summary(text(protocol.path("descriptionModule"), "briefSummary"))
                .detail("status", text(status, "overallStatus"))
                .detail("phases", String.join(", ", texts(protocol.path("designModule").path("phases"))))
                .detail("conditions", String.join("; ", texts(protocol.path("conditionsModule").path("conditions"))))
                .detail("interventions", String.join("; ", interventions(protocol.path("armsInterventionsModule"))))
                .detail("completed", date(status.path("completionDateStruct")))
                .detail("sponsor", text(protocol.path("sponsorCollaboratorsModule").path("leadSponsor"), "name"));
        if (study.path("hasResults").isBoolean()) {
            record.detail("has results", study.path("hasResults").asBoolean() ? "yes" : "no");
        }
        return Optional.of(record.build());
    }

    private static List<String> interventions(JsonNode module) {
        List<String> interventions = new ArrayList<>();
        module.path("interventions").forEach(intervention -> {
            String name = text(intervention, "name");
            String type = text(intervention, "type");
            if (name != null) {
                interventions.add(type == null ? name : type + ": " + name);
            }
        });
        return interventions;
    }

    /** A {@code YYYY}, {@code YYYY-MM} or {@code YYYY-MM-DD} date, or null for anything else. */
    private static String date(JsonNode struct) {
        String date = text(struct, "date");
        return date != null && DATE.matcher(date.strip()).matches() ? date.strip() : null;
    }

    private static Optional<EvidenceId> nctId(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(EvidenceId.of(EvidenceId.Scheme.NCT, value));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(value -> {
            if (value.isTextual() && !value.asText().isBlank()) {
                texts.add(value.asText().strip());
            }
        });
        return texts;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() && !value.asText().isBlank() ? value.asText() : null;
    }
}
