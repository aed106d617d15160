package dev.detour.app.archfixture;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;

/** Breaks "the Temporal SDK in engine-temporal only": the app making a Temporal client itself. */
public class AppUsingTemporal {

    public WorkflowClient connect() {
        return WorkflowClient.newInstance(WorkflowServiceStubs.newLocalServiceStubs());
    }
}
