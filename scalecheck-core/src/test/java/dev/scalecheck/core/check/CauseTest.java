package dev.scalecheck.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalecheck.core.LogLine;
import dev.scalecheck.core.evidence.Evidence;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each database's own words for a known cause lead to the check that owns it. */
class CauseTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Caused by: java.sql.SQLSyntaxErrorException: Table 'DATABASECHANGELOG' already exists | CHANGELOG_RACE
            Caused by: org.postgresql.util.PSQLException: ERROR: relation "databasechangelog" already exists | CHANGELOG_RACE
            Detail: Key (typname, typnamespace)=(databasechangelog, 2200) already exists. | CHANGELOG_RACE
            Caused by: java.sql.SQLNonTransientConnectionException: (conn=7) Too many connections | TOO_MANY_CONNECTIONS
            Caused by: org.postgresql.util.PSQLException: FATAL: sorry, too many clients already | TOO_MANY_CONNECTIONS
            FATAL: remaining connection slots are reserved for non-replication superuser connections | TOO_MANY_CONNECTIONS
            Caused by: java.sql.SQLException: Lock wait timeout exceeded; try restarting transaction | LOCK_WAIT_TIMEOUT
            Caused by: org.postgresql.util.PSQLException: ERROR: canceling statement due to lock timeout | LOCK_WAIT_TIMEOUT
            Caused by: java.lang.IllegalStateException: something else entirely | UNKNOWN
            """)
    void namesTheCauseInEitherDatabasesWords(String line, Cause.Known expected) {
        Evidence healthy = Fixtures.healthyEvidence();
        List<LogLine> logs = new ArrayList<>(healthy.logs());
        logs.add(Fixtures.line(2, "api-2", line));
        assertThat(Cause.of(Fixtures.with(healthy, logs), "api-2")).hasValueSatisfying(cause -> assertThat(cause.is(expected)).isTrue());
    }
}
