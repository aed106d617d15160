package dev.detour.app.config;

import dev.detour.core.secret.Redaction;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Recognises keys written into a configuration file: credential-like key names and key-shaped values. */
final class SecretShapes {

    private static final Pattern KEY_SHAPED = Pattern.compile(
            "\\bhf_[A-Za-z0-9]{16,}"
                    + "|\\bsk-[A-Za-z0-9_-]{16,}"
                    + "|(?i:\\bbearer\\s+[A-Za-z0-9._~+/=-]{8,})"
                    + "|(?i:\\b(?:api[_-]?key|access[_-]?token|token|secret|password)\\s*[=:]\\s*[\"']?[A-Za-z0-9._~+/-]{12,})");

    private static final Set<String> CREDENTIAL_NAMES = Set.of(
            "token", "apikey", "key", "secret", "password", "passwd", "pass", "authorization", "auth", "bearer",
            "credential", "credentials", "privatekey", "secretkey", "clientsecret", "accesskey");

    private static final Set<String> CREDENTIAL_SUFFIXES = Set.of("token", "apikey", "secret", "password");

    private SecretShapes() {}

    /** Whether {@code text} holds something shaped like an API key or access token. */
    static boolean looksLikeKey(String text) {
        return text != null && KEY_SHAPED.matcher(text).find();
    }

    /** Whether a map key named {@code name} would hold a credential, such as {@code token} or {@code api-key}. */
    static boolean isCredentialName(String name) {
        String folded = name.toLowerCase(Locale.ROOT).replaceAll("[-_. ]", "");
        return CREDENTIAL_NAMES.contains(folded) || CREDENTIAL_SUFFIXES.stream().anyMatch(folded::endsWith);
    }

    /** {@code text} with every key-shaped run replaced by {@link Redaction#MASK}. */
    static String redact(String text) {
        return KEY_SHAPED.matcher(Redaction.redact(text)).replaceAll(Redaction.MASK);
    }
}
