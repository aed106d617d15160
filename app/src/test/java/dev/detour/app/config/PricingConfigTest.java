package dev.detour.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.core.cost.Price;
import dev.detour.core.model.ModelRef;
import java.math.BigDecimal;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PricingConfigTest {

    @TempDir
    Path workingDirectory;

    private ConfigFixture fixture() {
        return new ConfigFixture(workingDirectory);
    }

    @Test
    void readsPricesExactlyAndTheCostBudget() {
        DetourConfig config = fixture().load("""
                chain: [hf:Qwen/Qwen2.5-72B-Instruct]
                pricing:
                  "hf:Qwen/Qwen2.5-72B-Instruct": { input-per-million: 0.15, output-per-million: 0.60 }
                workflow: { cost-budget: 0.50 }
                """);

        assertThat(config.pricing().price(ModelRef.parse("hf:Qwen/Qwen2.5-72B-Instruct")))
                .contains(new Price(new BigDecimal("0.15"), new BigDecimal("0.60")));
        assertThat(config.workflow().costBudget().orElseThrow()).isEqualByComparingTo("0.50");
        assertThat(fixture().load("chain: [hf:Qwen/Qwen2.5-72B-Instruct]\n").pricing().prices()).isEmpty();
    }

    @Test
    void theCommandLineCostBudgetReplacesTheFilesAndIsCheckedLikeIt() {
        String yaml = """
                chain: [hf:Qwen/Qwen2.5-72B-Instruct]
                pricing: { "hf:Qwen/Qwen2.5-72B-Instruct": { input-per-million: 1, output-per-million: 2 } }
                workflow: { cost-budget: 0.50 }
                """;
        assertThat(fixture().load(yaml, Overrides.none().withCostBudget("0.05")).workflow().costBudget().orElseThrow())
                .isEqualByComparingTo("0.05");
        assertThat(fixture().problems(yaml, Overrides.none().withCostBudget("fifty cents")))
                .containsExactly("--cost-budget: \"fifty cents\" is not an amount of dollars (write dollars as a decimal number, such as 0.50)");
    }

    @Test
    void reportsBadPricesAndAnUnpricedChainModelUnderACostBudgetWithTheirKeyPaths() {
        assertThat(fixture().problems("""
                chain: [hf:Qwen/Qwen2.5-72B-Instruct, hf:Qwen/Qwen2.5-7B-Instruct]
                pricing:
                  "hf:Qwen/Qwen2.5-72B-Instruct": { input-per-million: -1, output: 0.6 }
                  gpt4: { input-per-million: 1, output-per-million: 1 }
                workflow: { cost-budget: 0 }
                """)).containsExactlyInAnyOrder(
                "pricing.\"hf:Qwen/Qwen2.5-72B-Instruct\".output: unknown key; allowed keys: input-per-million, output-per-million",
                "pricing.\"hf:Qwen/Qwen2.5-72B-Instruct\".input-per-million: \"-1\" is not an amount of dollars"
                        + " (write dollars as a decimal number, such as 0.50)",
                "pricing.\"hf:Qwen/Qwen2.5-72B-Instruct\".output-per-million: missing; give the dollars per million"
                        + " tokens, such as output-per-million: 0.15",
                "pricing.gpt4: is not a model; name it as the chain does, such as \"openai:gpt-4o-mini\"",
                "workflow.cost-budget: 0 is too small (use an amount above 0)");
        assertThat(fixture().problems("""
                chain: [hf:Qwen/Qwen2.5-72B-Instruct, hf:Qwen/Qwen2.5-7B-Instruct]
                pricing: { "hf:Qwen/Qwen2.5-72B-Instruct": { input-per-million: 1, output-per-million: 1 } }
                workflow: { cost-budget: 0.5 }
                """)).containsExactly("workflow.cost-budget: needs a price for every model of the chain, and"
                + " hf:Qwen/Qwen2.5-7B-Instruct has none; add it under pricing, such as pricing:"
                + " { \"hf:Qwen/Qwen2.5-7B-Instruct\": { input-per-million: 0.15, output-per-million: 0.60 } }");
    }
}
