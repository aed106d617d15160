package dev.detour.app.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MemoTest {

    @Test
    void makesAValueOncePerKeyAndPastItsBoundStillAnswersWithoutKeepingMore() {
        AtomicInteger made = new AtomicInteger();
        Memo<Integer, String> memo = new Memo<>(key -> {
            made.incrementAndGet();
            return new String("value " + key);
        });
        String first = memo.get(1);
        assertThat(memo.get(1)).isSameAs(first);
        assertThat(made).hasValue(1);

        for (int key = 2; key <= 300; key++) {
            memo.get(key);
        }
        int madeBeforeAgain = made.get();
        assertThat(memo.get(300)).isEqualTo("value 300");
        assertThat(memo.get(300)).isEqualTo("value 300");
        assertThat(made.get()).as("a key past the bound is made each time").isEqualTo(madeBeforeAgain + 2);
        assertThat(memo.get(1)).isSameAs(first);
        assertThat(made.get()).isEqualTo(madeBeforeAgain + 2);
    }
}
