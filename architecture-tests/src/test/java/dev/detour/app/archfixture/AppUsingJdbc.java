package dev.detour.app.archfixture;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Breaks "JDBC in store modules only": the app opening a database itself. */
public class AppUsingJdbc {

    public Connection open() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite::memory:");
    }
}
