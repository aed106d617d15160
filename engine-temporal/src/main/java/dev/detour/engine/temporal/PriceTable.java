package dev.detour.engine.temporal;

import dev.detour.core.cost.Price;
import dev.detour.core.cost.Pricing;
import dev.detour.core.model.ModelRef;
import java.util.LinkedHashMap;
import java.util.Map;

/** A price table as a run's request and calls carry it: by model reference text, which JSON can key a map by. */
final class PriceTable {

    private PriceTable() {}

    static Map<String, Price> of(Pricing pricing) {
        Map<String, Price> table = new LinkedHashMap<>();
        pricing.prices().forEach((model, price) -> table.put(model.toString(), price));
        return table;
    }

    static Pricing pricing(Map<String, Price> table) {
        Map<ModelRef, Price> prices = new LinkedHashMap<>();
        table.forEach((model, price) -> prices.put(ModelRef.parse(model), price));
        return new Pricing(prices);
    }
}
