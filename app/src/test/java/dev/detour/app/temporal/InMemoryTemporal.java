package dev.detour.app.temporal;

import dev.detour.engine.temporal.TemporalConnection;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Temporal's in-memory test server (time skipping) for one test class, with Detour's client options:
 * register it as a static field, and give each test its own task queue.
 */
public final class InMemoryTemporal implements BeforeAllCallback, AfterAllCallback {

    private TestWorkflowEnvironment environment;

    @Override
    public void beforeAll(ExtensionContext context) {
        environment = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(TemporalConnection.clientOptions("default"))
                .build());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        environment.close();
    }

    /** A client of the test server. */
    public WorkflowClient client() {
        return environment.getWorkflowClient();
    }
}
