package dev.detour.app.server;

import dev.detour.core.secret.Secret;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Optional;

/**
 * Who may call the API, and what every reply carries for the browser: with a token, each {@code /v1}
 * request must carry it as a bearer (compared in constant time); every reply forbids sniffing, framing,
 * referrers and any script or style from elsewhere than this server.
 */
final class Access {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static final String BEARER = "Bearer ";

    private final Optional<Secret> token;

    Access(Optional<Secret> token) {
        this.token = token;
    }

    void check(Context ctx) {
        secureHeaders(ctx);
        if (token.isEmpty() || ctx.method() == HandlerType.OPTIONS || !ctx.path().startsWith("/v1/")) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || header.substring(BEARER.length()).isBlank()) {
            throw ApiException.unauthorized();
        }
        if (!token.get().equals(Secret.of(header.substring(BEARER.length())))) {
            throw ApiException.unauthorized();
        }
    }

    static void secureHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        if (ctx.path().startsWith("/v1/") || ctx.path().startsWith("/health/")) {
            ctx.header("Cache-Control", "no-store");
        }
    }
}
