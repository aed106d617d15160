package dev.detour.store.sqlite;

import dev.detour.core.workflow.Budget;
import dev.detour.core.workflow.BudgetUsage;
import dev.detour.core.workflow.RunSummary;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Reads and writes the columns of a {@code runs} row that are not JSON: the summary and the budget. */
final class RunRows {

    private RunRows() {}

    static RunSummary summary(ResultSet row) throws SQLException {
        long endedAt = row.getLong("ended_at");
        Optional<Instant> ended = row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(endedAt));
        return new RunSummary(row.getString("run_id"), row.getString("workflow"), row.getString("title"),
                Instant.ofEpochMilli(row.getLong("started_at")), RunSummary.Status.valueOf(row.getString("status")),
                new BudgetUsage(row.getLong("tokens"), row.getInt("model_calls"), Duration.ofMillis(row.getLong("elapsed_ms"))),
                ended);
    }

    /**
     * The budget in the row's columns, which a resume rewrites, with the cost limit of the run's start
     * ({@code started}), which a resume keeps.
     */
    static Budget budget(ResultSet row, Budget started) throws SQLException {
        Budget columns = budget(row);
        return started.maxCost().map(columns::withMaxCost).orElse(columns);
    }

    private static Budget budget(ResultSet row) throws SQLException {
        long maxTokens = row.getLong("max_tokens");
        OptionalLong tokens = row.wasNull() ? OptionalLong.empty() : OptionalLong.of(maxTokens);
        int maxCalls = row.getInt("max_model_calls");
        OptionalInt calls = row.wasNull() ? OptionalInt.empty() : OptionalInt.of(maxCalls);
        long limitMs = row.getLong("time_limit_ms");
        Optional<Duration> time = row.wasNull() ? Optional.empty() : Optional.of(Duration.ofMillis(limitMs));
        return new Budget(tokens, calls, time);
    }

    static void setBudget(PreparedStatement statement, int first, Budget budget) throws SQLException {
        if (budget.maxTokens().isPresent()) {
            statement.setLong(first, budget.maxTokens().getAsLong());
        } else {
            statement.setNull(first, Types.INTEGER);
        }
        if (budget.maxModelCalls().isPresent()) {
            statement.setInt(first + 1, budget.maxModelCalls().getAsInt());
        } else {
            statement.setNull(first + 1, Types.INTEGER);
        }
        if (budget.timeLimit().isPresent()) {
            statement.setLong(first + 2, budget.timeLimit().get().toMillis());
        } else {
            statement.setNull(first + 2, Types.INTEGER);
        }
    }
}
