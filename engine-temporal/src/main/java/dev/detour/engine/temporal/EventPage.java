package dev.detour.engine.temporal;

import dev.detour.core.workflow.WorkflowEvent;
import java.util.List;

/**
 * The events of a run after a given sequence number: the answer to the {@code events} query.
 *
 * @param events in sequence order
 */
public record EventPage(List<WorkflowEvent> events) {}
