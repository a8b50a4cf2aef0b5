package dev.scalecheck.compose.lint;

import java.util.List;

/** A static rule over a compose file; no deployment needed. */
public interface Rule {

    /** The stable id shown beside each finding. */
    String id();

    List<Finding> check(ComposeFile file, LintTarget target);
}
