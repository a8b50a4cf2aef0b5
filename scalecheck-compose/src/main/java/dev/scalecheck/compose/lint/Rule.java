package dev.scalecheck.compose.lint;

import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/** A static rule over a compose file; no deployment needed. */
public interface Rule {

    /** The stable id shown beside each finding. */
    String id();

    List<Finding> check(ComposeFile file, LintTarget target);

    /** A finding of this rule at a node: its file and line. */
    default Finding finding(ComposeFile file, Node at, String message, String fix) {
        return new Finding(id(), file.pathOf(at), ComposeFile.line(at), message, fix);
    }
}
