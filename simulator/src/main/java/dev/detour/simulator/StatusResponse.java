package dev.detour.simulator;

import dev.detour.core.internal.Require;

/** A fixed answer: an HTTP status and a body, such as a provider's error payload. */
record StatusResponse(int status, String body, String contentType) implements Behaviour {

    StatusResponse {
        HttpStatuses.check(status);
        Require.nonNull(body, "body");
        Require.nonBlank(contentType, "contentType");
    }
}
