package dev.scalecheck.core.database;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** pg_locks splits an advisory lock's key over classid and objid; the dialect puts it together again. */
class PostgresDialectTest {

    @Property
    void aBigintKeyComesBackFromItsTwoHalves(@ForAll long key) {
        long high = key >>> 32;           // classid and objid are unsigned 32-bit oids
        long low = key & 0xFFFF_FFFFL;
        assertThat(PostgresDialect.key(high, low, 1)).isEqualTo(String.valueOf(key));
    }

    @Test
    void twoIntegerKeysAreShownAsThePair() {
        assertThat(PostgresDialect.key(4294967295L, 7, 2)).isEqualTo("-1, 7");
    }

    @Test
    void quotesIdentifiersTheStandardWay() {
        assertThat(new PostgresDialect().quote("we\"ird")).isEqualTo("\"we\"\"ird\"");
    }
}
