package dev.detour.core.model;

/** Why a chain did not even try a model. */
public enum SkipReason {
    /** The model's circuit breaker is open after repeated failures: no request was sent. */
    CIRCUIT_OPEN("circuit open"),
    /** The call's deadline passed before this model's turn. */
    DEADLINE_REACHED("deadline reached"),
    /** The run was cancelled before or while this model answered: its answer, if any, was not waited for. */
    CANCELLED("cancelled"),
    /** The attempt's worst-case cost exceeds what is left of the run's cost budget, or the model has no price. */
    COST_BUDGET("cost budget");

    private final String description;

    SkipReason(String description) {
        this.description = description;
    }

    /** The reason in a few words, such as {@code circuit open}. */
    public String description() {
        return description;
    }
}
