package dev.scalecheck.core.run;

/** Hears a run's progress as it happens (the console's live lines). */
public interface RunListener {

    void stepStarted(int number, int total, String title);

    void stepFinished(StepResult step);

    /** The run was interrupted: it judges nothing and tears down now. */
    default void interrupted() {
    }
}
