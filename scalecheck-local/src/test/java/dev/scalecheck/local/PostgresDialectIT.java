package dev.scalecheck.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.scalecheck.core.database.Dialect;
import dev.scalecheck.core.database.HeldLock;
import dev.scalecheck.core.database.LockListing;
import dev.scalecheck.core.database.Row;
import dev.scalecheck.core.database.Session;
import dev.scalecheck.core.orchestrator.SqlDatabase;
import dev.scalecheck.local.database.EmbeddedDatabase;
import dev.scalecheck.local.database.EmbeddedPostgres;
import dev.scalecheck.local.process.SocketOwners;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PostgreSQL dialect against a real server: advisory locks found without their keys, sessions traced to their process. */
class PostgresDialectIT {

    @TempDir
    Path dir;

    @Test
    void findsAnAdvisoryLockWithoutItsKeyAndTracesItsHolderToTheProcess() throws Exception {
        try (EmbeddedDatabase db = EmbeddedPostgres.start(dir.resolve("db"), EmbeddedPostgres.defaultBinaryCache())) {
            EmbeddedDatabase.Account app = db.createDatabase("app", "app");
            SqlDatabase sql = new JdbcDatabase(db.kind(), () -> db.connect("app"));
            Dialect dialect = Dialect.of(db.kind());
            try (Connection holder = DriverManager.getConnection(db.jdbcUrl("app"), credentials(app));
                    Statement statement = holder.createStatement()) {
                long pid;
                long key;
                try (ResultSet row = statement.executeQuery("SELECT pg_backend_pid(), hashtext('demo_migration')::bigint, "
                        + "pg_advisory_lock(hashtext('demo_migration'))")) {
                    row.next();
                    pid = row.getLong(1);
                    key = row.getLong(2);
                }
                LockListing locks = dialect.userLocks(sql);
                assertThat(locks.available()).isTrue();
                assertThat(locks.source()).isEqualTo("pg_locks");
                assertThat(locks.held()).extracting(HeldLock::kind, HeldLock::name, HeldLock::holder)
                        .containsExactly(tuple("advisory lock", String.valueOf(key), pid));
                assertThat(dialect.namedLockHolder(sql, "demo_migration")).hasValue(pid);
                assertThat(dialect.namedLockHolder(sql, String.valueOf(key))).hasValue(pid);

                Session session = dialect.sessions(sql).stream().filter(s -> s.id() == pid).findFirst().orElseThrow();
                assertThat(session.user()).isEqualTo("app");
                assertThat(session.client()).isEqualTo(locks.held().get(0).client()).startsWith("127.0.0.1:");
                Long inode = SocketOwners.inodesByLocalPort().get(session.clientPort());
                assertThat(SocketOwners.socketsOf(ProcessHandle.current().pid())).contains(inode);

                statement.execute("SELECT pg_advisory_unlock(hashtext('demo_migration'))");
                assertThat(dialect.userLocks(sql).held()).isEmpty();
                assertThat(dialect.namedLockHolder(sql, "demo_migration")).isEmpty();
            }
            assertThat(dialect.maxConnections(sql)).hasValue(100);
        }
        assertThat(Files.exists(dir.resolve("db"))).as("the data directory is removed").isFalse();
    }

    @Test
    void readsAHistoryTableWhateverTheCaseOfItsColumnsAndAsksEveryClientForAPassword() throws Exception {
        try (EmbeddedDatabase db = EmbeddedPostgres.start(dir.resolve("db"), EmbeddedPostgres.defaultBinaryCache())) {
            EmbeddedDatabase.Account app = db.createDatabase("app", "app");
            try (Connection connection = DriverManager.getConnection(db.jdbcUrl("app"), credentials(app));
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE \"DATABASECHANGELOGLOCK\" (\"ID\" int, \"LOCKED\" boolean, \"LOCKEDBY\" varchar(255))");
                statement.execute("INSERT INTO \"DATABASECHANGELOGLOCK\" VALUES (1, true, 'replica (10.0.0.2)')");
            }
            SqlDatabase sql = new JdbcDatabase(db.kind(), () -> db.connect("app"));
            Dialect dialect = Dialect.of(db.kind());
            assertThat(dialect.tables(sql)).containsExactly("DATABASECHANGELOGLOCK");
            List<Row> rows = dialect.rows(sql, "DATABASECHANGELOGLOCK", List.of("locked", "lockedby", "lockgranted"), "id");
            assertThat(rows).singleElement().satisfies(row -> {
                assertThat(row.flag("locked", false)).isTrue();
                assertThat(row.text("lockedby")).isEqualTo("replica (10.0.0.2)");
                assertThat(row.text("lockgranted")).as("a column the table lacks reads as NULL").isNull();
            });

            Properties noPassword = new Properties();
            noPassword.setProperty("user", "app");
            assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl("app"), noPassword).close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("password");
        }
    }

    private static Properties credentials(EmbeddedDatabase.Account account) {
        Properties properties = new Properties();
        properties.setProperty("user", account.user());
        properties.setProperty("password", account.password().reveal());
        return properties;
    }
}
