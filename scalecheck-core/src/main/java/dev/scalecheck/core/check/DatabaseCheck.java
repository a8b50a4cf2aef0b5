package dev.scalecheck.core.check;

import dev.scalecheck.core.evidence.DatabaseState;
import dev.scalecheck.core.evidence.Evidence;

/** A check the database decides: when it could not be asked, the result is an ERROR saying why. */
abstract class DatabaseCheck implements Check {

    @Override
    public final CheckResult evaluate(Evidence evidence) {
        DatabaseState db = evidence.database();
        if (db.error() != null) {
            return CheckResult.error(id(), "the database could not be asked: " + db.error());
        }
        return evaluate(evidence, db);
    }

    /** Judges with the database's answers at hand. */
    abstract CheckResult evaluate(Evidence evidence, DatabaseState db);
}
