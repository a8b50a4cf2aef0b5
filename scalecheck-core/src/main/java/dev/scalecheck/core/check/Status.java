package dev.scalecheck.core.check;

/** A check's verdict. ERROR means the evidence could not decide; SKIPPED says why in its summary. */
public enum Status { PASS, FAIL, ERROR, SKIPPED }
