package dev.detour.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreConfigTest {

    @TempDir
    Path directory;

    private ConfigFixture fixture() {
        return new ConfigFixture(directory);
    }

    @Test
    void runsGoToDetourHomeByDefault() {
        DetourConfig config = fixture().env("DETOUR_HOME", "/srv/detour").env("HOME", "/home/ada").load("{}");

        assertThat(config.store()).isEqualTo(StoreConfig.at(Path.of("/srv/detour/detour.db")));
    }

    @Test
    void detourHomeDefaultsToADotDetourFolderInTheUsersHome() {
        assertThat(fixture().env("HOME", "/home/ada").load("{}").store().file())
                .contains(Path.of("/home/ada/.detour/detour.db"));
        assertThat(fixture().env("USERPROFILE", "C:/Users/ada").load("{}").store().file())
                .contains(Path.of("C:/Users/ada/.detour/detour.db"));
    }

    @Test
    void withNoHomeDirectoryKnownRunsAreNotStored() {
        assertThat(fixture().load("{}").store()).isEqualTo(StoreConfig.none());
    }

    @Test
    void readsAPathAndARetention() {
        DetourConfig config = fixture().env("HOME", "/home/ada")
                .load("store: { path: ~/runs/detour.db, retention: 30d }\n");
        assertThat(config.store()).isEqualTo(new StoreConfig(Optional.of(Path.of("/home/ada/runs/detour.db")),
                Optional.of(Duration.ofDays(30))));

        DetourConfig relative = fixture().load("store: { path: data/runs.db, retention: none }\n");
        assertThat(relative.store()).isEqualTo(StoreConfig.at(directory.resolve("data/runs.db")));

        DetourConfig retentionOnly = fixture().env("DETOUR_HOME", "/srv/detour").load("store: { retention: 12h }\n");
        assertThat(retentionOnly.store()).isEqualTo(new StoreConfig(Optional.of(Path.of("/srv/detour/detour.db")),
                Optional.of(Duration.ofHours(12))));
    }

    @Test
    void storeNoneStoresNothing() {
        assertThat(fixture().env("HOME", "/home/ada").load("store: none\n").store().enabled()).isFalse();
    }

    @Test
    void reportsEveryBadStoreValueWithItsKeyPath() {
        assertThat(fixture().problems("store: { path: 7, retention: forever, keep: yes }\n")).containsExactlyInAnyOrder(
                "store.keep: unknown key; allowed keys: path, retention",
                "store.path: expected a file path, found 7 (such as ~/.detour/detour.db)",
                "store.retention: \"forever\" is not a duration (use a number with a unit: 30d, 12h, 90m, or none"
                        + " to keep every run)");
        assertThat(fixture().problems("store: sometimes\n"))
                .containsExactly("store: expected a map with keys path, retention, or none, found text \"sometimes\"");
    }

    @Test
    void anAgeTakesDays() {
        assertThat(StoreConfig.age("30d")).isEqualTo(Duration.ofDays(30));
        assertThat(StoreConfig.age("1d12h")).isEqualTo(Duration.ofHours(36));
        assertThat(StoreConfig.age("90m")).isEqualTo(Duration.ofMinutes(90));
        assertThatThrownBy(() -> StoreConfig.age("0d")).hasMessage("\"0d\" must be longer than zero (use a number with a unit: 30d, 12h, 90m)");
        assertThatThrownBy(() -> StoreConfig.age("2dx")).hasMessage("\"2dx\" is not a duration (use a number with a unit: 30d, 12h, 90m)");
        assertThatThrownBy(() -> StoreConfig.age("30")).hasMessage("\"30\" has no unit (use a number with a unit: 30d, 12h, 90m)");
    }
}
