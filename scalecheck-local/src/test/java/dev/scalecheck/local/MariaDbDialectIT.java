package dev.scalecheck.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.scalecheck.core.database.Dialect;
import dev.scalecheck.core.database.HeldLock;
import dev.scalecheck.core.database.LockListing;
import dev.scalecheck.core.database.Session;
import dev.scalecheck.core.orchestrator.SqlDatabase;
import dev.scalecheck.local.database.EmbeddedMariaDb;
import dev.scalecheck.local.process.SocketOwners;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MariaDB dialect against a real server: locks found without their names, sessions traced to their process. */
class MariaDbDialectIT {
    private static final String FLYWAY_LOCK = "Flyway--320650056";

    @TempDir
    Path dir;

    @Test
    void findsAUserLockWithoutItsNameAndTracesItsHolderToTheProcess() throws Exception {
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(dir.resolve("db"), EmbeddedMariaDb.defaultBinaryCache())) {
            db.createDatabase("app", "app");
            SqlDatabase sql = new JdbcDatabase("mariadb", () -> db.connect("app"));
            Dialect dialect = Dialect.of("mariadb");
            try (Connection holder = db.connect("app"); Statement statement = holder.createStatement()) {
                long id;
                try (ResultSet row = statement.executeQuery("SELECT GET_LOCK('" + FLYWAY_LOCK + "', 5), CONNECTION_ID()")) {
                    row.next();
                    id = row.getLong(2);
                }
                LockListing locks = dialect.userLocks(sql);
                assertThat(locks.available()).as(locks.unavailable()).isTrue();
                assertThat(locks.source()).isEqualTo("performance_schema.metadata_locks");
                assertThat(locks.held()).extracting(HeldLock::name, HeldLock::holder).containsExactly(tuple(FLYWAY_LOCK, id));
                assertThat(dialect.namedLockHolder(sql, FLYWAY_LOCK)).hasValue(id);

                Session session = dialect.sessions(sql).stream().filter(s -> s.id() == id).findFirst().orElseThrow();
                assertThat(session.client()).isEqualTo(locks.held().get(0).client()).startsWith("127.0.0.1:");
                Long inode = SocketOwners.inodesByLocalPort().get(session.clientPort());
                assertThat(SocketOwners.socketsOf(ProcessHandle.current().pid())).contains(inode);

                statement.execute("DO RELEASE_LOCK('" + FLYWAY_LOCK + "')");
                assertThat(dialect.userLocks(sql).held()).isEmpty();
                assertThat(dialect.namedLockHolder(sql, FLYWAY_LOCK)).isEmpty();
            }
            assertThat(dialect.maxConnections(sql)).hasValue(151);
        }
    }
}
