package dev.detour.core.cost;

import dev.detour.core.internal.Require;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An amount of money spent, exact, and whether it is the whole amount: calls to a model that has no price
 * make it incomplete, so that an unpriced call is never shown as free.
 *
 * @param known the exact sum of the priced calls, in dollars
 * @param complete whether every call that consumed tokens was priced
 */
public record Cost(BigDecimal known, boolean complete) {

    /** Nothing spent. */
    public static final Cost ZERO = new Cost(BigDecimal.ZERO, true);

    /** Spent on a model that has no price. */
    public static final Cost UNKNOWN = new Cost(BigDecimal.ZERO, false);

    /** Decimal places a shown amount is rounded to (half up); the amount itself is never rounded. */
    public static final int SHOWN_SCALE = 6;

    public Cost {
        Require.nonNull(known, "known");
        if (known.signum() < 0) {
            throw new IllegalArgumentException("known must not be negative, was " + known.toPlainString());
        }
        known = known.signum() == 0 ? BigDecimal.ZERO : known.stripTrailingZeros();
    }

    /** Exactly {@code amount} dollars. */
    public static Cost of(BigDecimal amount) {
        return new Cost(Require.nonNull(amount, "amount"), true);
    }

    /** This and {@code other} together. */
    public Cost plus(Cost other) {
        Require.nonNull(other, "other");
        return new Cost(known.add(other.known), complete && other.complete);
    }

    /**
     * For a person: {@code $0.000123} (rounded half up to {@value #SHOWN_SCALE} places), {@code unknown} when
     * nothing priced was spent but something unpriced was, or {@code at least $0.000123 (some models have no price)}.
     */
    public String describe() {
        String amount = "$" + known.setScale(SHOWN_SCALE, RoundingMode.HALF_UP).toPlainString();
        if (complete) {
            return amount;
        }
        return known.signum() == 0 ? "unknown" : "at least " + amount + " (some models have no price)";
    }

    /** The exact amount as plain decimal text, such as {@code 0.0001234}, for machine-readable output. */
    public String exact() {
        return known.toPlainString();
    }
}
