package dev.scalecheck.compose.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatabaseImageTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "postgres:16, postgres, true",
        "docker.io/library/postgres:16-alpine@sha256:0123abcd, postgres, true",
        "postgis/postgis:16-3.4, postgres, true",
        "timescale/timescaledb:latest-pg16, postgres, true",
        "timescale/timescaledb-ha:pg16, postgres, false",
        "pgvector/pgvector:pg16, postgres, true",
        "bitnami/postgresql:16, postgres, false",
        "localhost:5000/postgres, postgres, true",
        "mariadb:11.4, mariadb, false",
        "local/mariadb, mariadb, false",
        "MySQL:8.4, mariadb, false",
        "mysql/mysql-server:8.0, mariadb, false",
        "percona/percona-server:8.0, mariadb, false",
        "percona/percona-distribution-postgresql:16, postgres, false",
        "bitnami/postgresql-repmgr:16, postgres, false",
        "percona:8.0, mariadb, false",
        "postgrest/postgrest:v12, '', false",
        "prometheuscommunity/postgres-exporter, '', false",
        "prom/mysqld-exporter, '', false",
        "dpage/pgadmin4, '', false",
        "'', '', false",
    })
    void theImageNameTellsTheKind(String image, String kind, boolean officialPostgresDefaults) {
        assertThat(DatabaseImage.kind(image)).isEqualTo(Optional.of(kind).filter(k -> !k.isEmpty()));
        assertThat(DatabaseImage.hasOfficialPostgresDefaults(image)).isEqualTo(officialPostgresDefaults);
    }
}
