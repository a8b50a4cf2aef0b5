package dev.scalecheck.core.run;

import java.time.Duration;

/** One numbered phase of a run: {@code [3/7] Starting 4 replicas}, how long it took and what it found. */
public record StepResult(int number, int total, String title, Duration duration, boolean ok, String outcome) {}
