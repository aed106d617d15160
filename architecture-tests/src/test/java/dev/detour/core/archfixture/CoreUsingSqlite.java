package dev.detour.core.archfixture;

import org.sqlite.SQLiteConfig;

/** Breaks "JDBC in store modules only" and "core depends on the JDK only": core code using the SQLite driver. */
public class CoreUsingSqlite {

    public SQLiteConfig settings() {
        return new SQLiteConfig();
    }
}
