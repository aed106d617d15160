package dev.detour.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.detour.core.cost.Price;
import dev.detour.core.cost.Pricing;
import dev.detour.core.model.ModelRef;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the {@code pricing} section: dollars per million prompt and answer tokens, per model; no built-in prices. */
final class PricingReader {

    static final List<String> PRICE_KEYS = List.of("input-per-million", "output-per-million");

    private PricingReader() {}

    static Optional<Pricing> read(Section pricing) {
        Map<ModelRef, Price> prices = new LinkedHashMap<>();
        boolean valid = true;
        for (Map.Entry<String, JsonNode> entry : pricing.entries()) {
            KeyPath path = pricing.at(entry.getKey());
            ModelRef model;
            try {
                model = ModelRef.parse(entry.getKey());
            } catch (IllegalArgumentException e) {
                pricing.problems().add(path, "is not a model; name it as the chain does, such as \"openai:gpt-4o-mini\"");
                valid = false;
                continue;
            }
            Section price = Section.of(entry.getValue(), path, Section.shape(PRICE_KEYS), pricing.problems());
            price.allowOnly(PRICE_KEYS);
            Optional<BigDecimal> input = amount(price, "input-per-million");
            Optional<BigDecimal> output = amount(price, "output-per-million");
            if (input.isEmpty() || output.isEmpty()) {
                valid = false;
                continue;
            }
            prices.put(model, new Price(input.get(), output.get()));
        }
        return valid ? Optional.of(new Pricing(prices)) : Optional.empty();
    }

    private static Optional<BigDecimal> amount(Section price, String key) {
        if (!price.has(key)) {
            price.problems().add(price.at(key), "missing; give the dollars per million tokens, such as " + key + ": 0.15");
            return Optional.empty();
        }
        return Money.dollars(price.get(key), price.at(key), false, price.problems());
    }
}
