package dev.detour.adapters.pubmed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.core.model.ErrorKind;
import dev.detour.transport.HttpHead;
import dev.detour.transport.SearchFailures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an ESearch JSON answer into its PMIDs. {@code esearchresult.ERROR} is NCBI failing to search (a
 * transient failure); {@code errorlist.phrasesnotfound} with no ids is an ordinary empty result.
 */
final class ESearchReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SearchFailures failures;

    ESearchReader(SearchFailures failures) {
        this.failures = failures;
    }

    List<String> ids(HttpHead head, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        ErrorBody.notData(failures, head, text).ifPresent(failure -> {
            throw failure;
        });
        JsonNode result;
        try {
            result = JSON.readTree(text).path("esearchresult");
        } catch (IOException e) {
            throw failures.unreadable(head, "the ESearch answer", e);
        }
        JsonNode error = result.path("ERROR");
        if (!error.isMissingNode() && !error.isNull()) {
            throw failures.inBody(ErrorKind.PROVIDER_UNAVAILABLE, head, "ESearch failed: " + error.asText());
        }
        JsonNode idList = result.path("idlist");
        if (!idList.isArray()) {
            throw failures.inBody(ErrorKind.MALFORMED_RESPONSE, head, "the ESearch answer from " + head.host()
                    + " has no esearchresult.idlist");
        }
        List<String> ids = new ArrayList<>();
        idList.forEach(id -> {
            if (id.asText().matches("[1-9][0-9]{0,9}")) {
                ids.add(id.asText());
            }
        });
        return ids;
    }
}
