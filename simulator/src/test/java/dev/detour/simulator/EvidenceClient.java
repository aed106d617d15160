package dev.detour.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/** Searches a simulator's evidence sources the way a source adapter does, with the JDK's HTTP client. */
final class EvidenceClient {

    static final String KEY = "oa-FakeOpenAlexKey0123";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private EvidenceClient() {}

    /** {@code base + path} with {@code parameters} (name, value, name, value…) as its query. */
    static URI url(URI base, String path, String... parameters) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < parameters.length; i += 2) {
            pairs.add(URLEncoder.encode(parameters[i], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(parameters[i + 1], StandardCharsets.UTF_8));
        }
        return URI.create(base + path + (pairs.isEmpty() ? "" : "?" + String.join("&", pairs)));
    }

    static HttpResponse<String> get(URI url) {
        return send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(20)).GET().build());
    }

    static HttpResponse<String> postForm(URI url, String form) {
        return send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> esearch(ProviderSimulator simulator, String term, String... more) {
        return get(url(simulator.pubMedBaseUrl(), "/esearch.fcgi", concat(
                new String[] {"db", "pubmed", "term", term, "retmode", "json", "tool", "detour-tests", "email", "t@example.org"},
                more)));
    }

    static HttpResponse<String> efetch(ProviderSimulator simulator, List<String> pmids) {
        return get(url(simulator.pubMedBaseUrl(), "/efetch.fcgi", "db", "pubmed", "id", String.join(",", pmids),
                "rettype", "abstract", "retmode", "xml"));
    }

    static HttpResponse<String> esummary(ProviderSimulator simulator, List<String> pmids) {
        return get(url(simulator.pubMedBaseUrl(), "/esummary.fcgi", "db", "pubmed", "id", String.join(",", pmids),
                "retmode", "json"));
    }

    static HttpResponse<String> europePmc(ProviderSimulator simulator, String query, String... more) {
        return get(url(simulator.europePmcBaseUrl(), "/search", concat(
                new String[] {"query", query, "resultType", "core", "format", "json"}, more)));
    }

    static HttpResponse<String> clinicalTrials(ProviderSimulator simulator, String query, String... more) {
        return get(url(simulator.clinicalTrialsBaseUrl(), "/studies", concat(new String[] {"query.term", query}, more)));
    }

    static HttpResponse<String> openAlex(ProviderSimulator simulator, String query, String... more) {
        return get(url(simulator.openAlexBaseUrl(), "/works", concat(new String[] {"search", query, "api_key", KEY}, more)));
    }

    /** The PMIDs an ESearch in JSON found. */
    static List<String> pmids(HttpResponse<String> esearch) {
        List<String> ids = new ArrayList<>();
        SimulatorClient.json(esearch.body()).path("esearchresult").path("idlist").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    static JsonNode json(HttpResponse<String> response) {
        return SimulatorClient.json(response.body());
    }

    /** Parses XML as a careful client does: the DOCTYPE is read, its external DTD never fetched. */
    static Document xml(String text) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            return builder.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (ParserConfigurationException | SAXException e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n" + text, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture under {@code simulator/fixtures/evidence/}. */
    static String fixture(String name) {
        try (InputStream in = EvidenceClient.class.getResourceAsStream("/simulator/fixtures/evidence/" + name)) {
            if (in == null) {
                throw new AssertionError("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] concat(String[] first, String[] more) {
        String[] all = new String[first.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
