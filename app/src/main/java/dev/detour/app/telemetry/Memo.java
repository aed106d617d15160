package dev.detour.app.telemetry;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Values made once per key and then reused, such as the attribute set of one model and outcome, so that a
 * call records its metrics without building and sorting attributes again. Keeps at most a bound of keys,
 * since some keys come from providers (a served model's name); past it, a value is made for each call.
 */
final class Memo<K, V> {

    private static final int BOUND = 256;

    private final ConcurrentHashMap<K, V> values = new ConcurrentHashMap<>();
    private final Function<K, V> make;

    Memo(Function<K, V> make) {
        this.make = make;
    }

    V get(K key) {
        V value = values.get(key);
        if (value != null) {
            return value;
        }
        value = make.apply(key);
        if (values.size() < BOUND) {
            V first = values.putIfAbsent(key, value);
            return first == null ? value : first;
        }
        return value;
    }
}
