package dev.detour.transport;

import dev.detour.core.internal.Require;
import dev.detour.core.model.ErrorKind;
import java.net.URI;
import java.util.Optional;

/**
 * The detail of a model provider's refusal: its words, or that it gave none, and what to do when it refused the
 * call's key (that the key from its variable was refused or none was sent, naming the variable, never the key) or
 * its model (check the model id and the base URL). The same for every adapter that sends a key to an API root.
 *
 * @param providerName the provider's configured name
 * @param baseUrl the API root the adapter appends its path to
 * @param appendedPath what the adapter appends, such as {@code v1/messages}
 * @param keySent whether the call carried a key
 * @param keyVariable the environment variable the key comes from; empty when the configuration names none
 */
public record RefusalAdvice(String providerName, URI baseUrl, String appendedPath, boolean keySent,
        Optional<String> keyVariable) {

    public RefusalAdvice {
        Require.nonBlank(providerName, "providerName");
        Require.nonNull(baseUrl, "baseUrl");
        Require.nonBlank(appendedPath, "appendedPath");
        Require.nonNull(keyVariable, "keyVariable");
    }

    /**
     * The detail of a refusal of {@code kind} with HTTP {@code status} (null inside a 200) of a call to
     * {@code model}: the provider's {@code words} (null when it gave none), then, on AuthenticationFailed, advice
     * about the key, and on ModelUnavailable from a 404 or 405, about the model id and base URL.
     */
    public String detail(String words, ErrorKind kind, Integer status, String model) {
        Require.nonNull(kind, "kind");
        Require.nonBlank(model, "model");
        return (words != null ? words : status == null ? "no error message" : "HTTP " + status + " with no error message")
                + note(kind, status, model);
    }

    private String note(ErrorKind kind, Integer status, String model) {
        String keySource = keyVariable.map(name -> "the environment variable " + name)
                .orElse("the token-env variable of provider " + providerName);
        if (kind == ErrorKind.AUTHENTICATION_FAILED) {
            return keySent ? "; the key from " + keySource + " was refused: check that it is valid for "
                    + baseUrl.getHost() + " and allowed to use " + model : "; no API key was sent: set " + keySource;
        }
        if (kind == ErrorKind.MODEL_UNAVAILABLE && status != null && (status == 404 || status == 405)) {
            return "; check the model id \"" + model + "\" and that the base URL " + shown(baseUrl) + " is the API root ("
                    + appendedPath + " is appended to it)";
        }
        return "";
    }

    /** The URL without user info, query or fragment, which could hold a credential an embedder put there. */
    private static String shown(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }
}
