package dev.scalecheck.core.check;

import dev.scalecheck.core.evidence.Evidence;

/** SPI: a pure function from evidence to a verdict. No I/O, no clock: everything it needs is in the evidence. */
public interface Check {

    /** The stable id: config key, JUnit test name, report anchor. */
    String id();

    CheckResult evaluate(Evidence evidence);
}
